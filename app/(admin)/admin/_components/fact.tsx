import type { ReactNode } from "react";

/** One fact of a record's page: a term and its value in a two-column <dl>. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-stone-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}
