import { BASIS_WORD } from "@/server/workorders/workorders.rules";

/** SPEC §9: an order opened by a service part's 差评 under a good 总体评价 says so wherever it is listed. */
export function BasisBadge({ large = false }: { large?: boolean }) {
  return (
    <span
      data-basis="service"
      className={`rounded-md bg-amber-100 px-2 font-semibold text-amber-900 ${large ? "py-1 text-base" : "py-0.5 text-sm"}`}
    >
      {BASIS_WORD.service}
    </span>
  );
}
