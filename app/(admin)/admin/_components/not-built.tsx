/** A back-office page whose issue has not landed yet: the navigation is real, the page says so plainly. */
export function NotBuilt({ state, title, what }: { state: string; title: string; what: string }) {
  return (
    <main data-state={state} className="max-w-3xl">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-4 rounded-xl bg-amber-50 p-4 text-base text-amber-900 ring-1 ring-amber-200">此功能尚未建成：{what}</p>
    </main>
  );
}
