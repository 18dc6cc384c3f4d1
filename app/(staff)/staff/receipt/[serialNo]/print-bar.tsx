"use client";

/** On screen only: choose the paper, print. Hidden on paper. */
export function PrintBar({ serialNo, layout }: { serialNo: string; layout: "thermal" | "a4" }) {
  const href = (l: string) => `/staff/receipt/${encodeURIComponent(serialNo)}?layout=${l}`;
  const tab = (l: "thermal" | "a4", words: string) => (
    <a
      href={href(l)}
      aria-current={layout === l ? "page" : undefined}
      className={`inline-flex min-h-12 items-center rounded-xl border-2 border-stone-700 px-4 text-base font-semibold ${layout === l ? "bg-stone-900 text-white" : "bg-white"}`}
    >
      {words}
    </a>
  );
  return (
    <nav
      aria-label="打印"
      className="mx-auto mb-4 flex max-w-xl flex-wrap items-center gap-3 print:hidden"
    >
      <a href="/staff" className="inline-flex min-h-12 items-center text-base underline">
        返回工作台
      </a>
      {tab("thermal", "80 mm 小票")}
      {tab("a4", "A4")}
      <button
        type="button"
        onClick={() => window.print()}
        className="ml-auto min-h-12 rounded-xl bg-brand px-5 text-lg font-bold text-white"
      >
        打印
      </button>
    </nav>
  );
}
