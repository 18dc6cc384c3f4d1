import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getDeps } from "@/server/deps";
import { readSession, SESSION_COOKIE } from "@/server/identity/session";
import { ratingPage } from "@/server/ratings/page.service";
import { RatingBody } from "./rating-body";
import { TEXT_SIZE_COOKIE } from "../../_components/text-size";
import { TextSizeToggle } from "../../_components/text-size-toggle";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "服务评价", robots: { index: false } };

export default async function RatePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const deps = await getDeps();
  const jar = await cookies();
  const session = await readSession(deps, jar.get(SESSION_COOKIE)?.value);
  const page = await ratingPage(deps, token, session);

  return (
    <main data-state={page.state} className="mx-auto max-w-xl px-4 pt-4 pb-16">
      <header className="mb-4 flex items-end justify-between gap-3 border-b-4 border-brand pb-3">
        <div>
          <p className="text-base text-stone-600">台山市政务服务</p>
          <h1 className="text-2xl font-bold text-brand-dark">
            {page.state === "receipt" ? "收件服务评价" : "“好差评”服务评价"}
          </h1>
        </div>
        <TextSizeToggle initialLarge={jar.get(TEXT_SIZE_COOKIE)?.value === "large"} />
      </header>
      <RatingBody page={page} token={token} />
    </main>
  );
}
