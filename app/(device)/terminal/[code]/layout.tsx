import type { ReactNode } from "react";

/**
 * A kiosk is read standing, at arm's length: everything larger than on a phone, enrolment
 * included; 大字 makes it larger still (the phone's 125 % would have made it smaller). Its screen
 * is wide, so the form is laid out for it — the five levels side by side (face over words, in the
 * rules' order, as on the window screen), the case details and the reasons in two columns, a
 * shorter reason box, tighter spacing — and after 不满意 the whole form, 同意回访 and 提交评价
 * included, fits 1080×1920 unscrolled in every language.
 */
const KIOSK_CSS = [
  "html{font-size:160%}",
  "html.text-large{font-size:185%}",
  "main section dl{grid-template-columns:auto 1fr auto 1fr;font-size:.9rem}",
  "main fieldset>div.grid{grid-template-columns:repeat(5,minmax(0,1fr))}",
  "main fieldset>div.grid>label{position:relative;flex-direction:column;justify-content:center;text-align:center;padding:.5rem .2rem;gap:.25rem;line-height:1.15;min-height:5.5rem;font-size:.85rem;overflow-wrap:anywhere}",
  "main fieldset>div.grid>label>svg{width:1.6rem;height:1.6rem}",
  "main fieldset>div.grid>label>span[aria-hidden]{position:absolute;top:.2rem;right:.4rem;margin:0}",
  "main fieldset>div.bg-stone-100{display:grid;grid-template-columns:1fr 1fr;column-gap:1.5rem}",
  "main fieldset>div.bg-stone-100>p{grid-column:1/-1}",
  "main fieldset textarea{min-height:0;height:2.6rem}",
  "main fieldset>div.bg-stone-100{font-size:.9rem}",
  "main section:has(>dl){padding:.6rem 1rem}",
  "main form details{margin-top:.75rem;padding:.1rem 1rem}",
  "main form>label.bg-amber-50{margin-top:.75rem;padding:.5rem 1rem}",
  "main form>button[type=submit]{margin-top:1rem}",
].join("");

export default function KioskLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <style>{KIOSK_CSS}</style>
      {children}
    </>
  );
}
