import { ServiceWorker } from "./(citizen)/_components/service-worker";
import { serverTrpc } from "./_trpc/server";

export const dynamic = "force-dynamic";

export default async function Home() {
  const catalog = await (await serverTrpc()).catalog.codes();
  const towns = catalog.orgs.filter((o) => o.level === "town" && o.kind === "government");
  return (
    <main className="mx-auto max-w-2xl px-5 py-8" data-state="home">
      <header className="mb-6 border-b-4 border-brand pb-4">
        <p className="text-base text-stone-600">台山市政务服务数据管理局</p>
        <h1 className="mt-1 text-3xl font-bold text-brand-dark">政务服务“好差评”</h1>
      </header>
      <section className="space-y-3 text-lg leading-relaxed">
        <p>办完事，请为我们的服务打分。扫描受理回执、窗口评价器或自助终端上的二维码，验证身份后即可评价。</p>
        <p className="text-base text-stone-600">评价自愿、实名，您的个人信息受到保护，不会提供给第三方。</p>
      </section>
      <section aria-labelledby="scope" className="mt-8 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <h2 id="scope" className="text-xl font-semibold">服务范围</h2>
        <dl className="mt-3 grid grid-cols-3 gap-3 text-center">
          <div>
            <dt className="text-sm text-stone-600">镇（街）</dt>
            <dd className="text-2xl font-bold">{towns.length}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">服务窗口</dt>
            <dd className="text-2xl font-bold">{catalog.windows.length}</dd>
          </div>
          <div>
            <dt className="text-sm text-stone-600">政务服务事项</dt>
            <dd className="text-2xl font-bold">{catalog.items.length}</dd>
          </div>
        </dl>
        <p className="mt-4 text-base text-stone-700">{towns.map((t) => t.name).join("、")}</p>
      </section>
      <footer className="mt-8 text-sm text-stone-600">
        <a className="underline" href="/api/v1/openapi.json">
          对接接口说明（OpenAPI）
        </a>
      </footer>
      {/* the installed app opens here (start_url): its worker serves the offline page */}
      <ServiceWorker />
    </main>
  );
}
