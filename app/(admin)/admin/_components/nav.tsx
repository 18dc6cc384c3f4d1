"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
  /** a number beside the label (待办's count); 0 shows none */
  count?: number;
}

/** The back office's navigation (SPEC §7); the current page is marked for screen readers too. */
export function AdminNav({ items }: { items: NavItem[] }) {
  const path = usePathname();
  const current = (href: string) => (href === "/admin" ? path === "/admin" : path.startsWith(href));
  return (
    // on a phone the items wrap rather than scroll: a scrolled-away item (the bureau's 通报, 系统管理) was not there to see
    <nav aria-label="管理后台导航">
      <ul className="flex flex-wrap gap-1 whitespace-nowrap md:flex-col md:flex-nowrap">
        {items.map((i) => (
          <li key={i.href}>
            <Link
              href={i.href}
              aria-current={current(i.href) ? "page" : undefined}
              className={`flex min-h-11 items-center rounded-lg px-3 text-base ${current(i.href) ? "bg-brand font-bold text-white" : "text-stone-800 hover:bg-stone-200"}`}
            >
              {i.label}
              {i.count ? (
                <span
                  data-count={i.count}
                  className="ml-2 rounded-full bg-red-700 px-2 text-sm font-bold text-white tabular-nums"
                >
                  {i.count}
                  <span className="sr-only"> 项</span>
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
