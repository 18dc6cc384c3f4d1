"use client";
import { useWords } from "./words";

/**
 * SPEC §9: on a 差评 the rater may agree to be contacted (unchecked by default, article 16);
 * only then does 12345 get the phone on file.
 */
export function ConsentBox({
  checked,
  onChange,
  large,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  large?: boolean;
}) {
  const words = useWords();
  return (
    <label
      className={`mt-5 flex cursor-pointer items-start gap-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200 ${large ? "text-2xl" : "text-lg"}`}
    >
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className={`mt-1 shrink-0 accent-brand ${large ? "size-8" : "size-6"}`}
      />
      <span>{words.consent}</span>
    </label>
  );
}
