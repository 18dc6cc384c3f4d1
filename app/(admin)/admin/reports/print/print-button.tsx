"use client";

/** On screen only: the browser's own print (A4, set by the page's @page rule). */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="min-h-11 rounded-lg bg-brand px-5 text-base font-bold text-white"
    >
      打印
    </button>
  );
}
