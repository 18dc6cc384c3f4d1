import type { Level } from "@/server/ratings/vocabulary";

/** The five levels in the rules' order, identical on every channel (article 4): colour and face (their words are in messages/). */
export const LEVEL_UI: { level: Level; tone: string; fill: string; mouth: string }[] = [
  {
    level: "very_satisfied",
    tone: "text-emerald-800 border-emerald-700",
    fill: "bg-emerald-700",
    mouth: "M7 14c2.5 3.5 7.5 3.5 10 0",
  },
  {
    level: "satisfied",
    tone: "text-green-800 border-green-700",
    fill: "bg-green-700",
    mouth: "M8 14.5c2 2 6 2 8 0",
  },
  {
    level: "basic",
    tone: "text-yellow-900 border-yellow-700",
    fill: "bg-yellow-700",
    mouth: "M8 15h8",
  },
  {
    level: "unsatisfied",
    tone: "text-orange-800 border-orange-700",
    fill: "bg-orange-700",
    mouth: "M8 16c2-2 6-2 8 0",
  },
  {
    level: "very_unsatisfied",
    tone: "text-red-800 border-red-700",
    fill: "bg-red-700",
    mouth: "M7 17c2.5-3.5 7.5-3.5 10 0",
  },
];

export function Face({ mouth, className }: { mouth: string; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
    >
      <circle cx="12" cy="12" r="10" />
      <circle cx="8.5" cy="9.5" r="1" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="1" fill="currentColor" />
      <path d={mouth} />
    </svg>
  );
}
