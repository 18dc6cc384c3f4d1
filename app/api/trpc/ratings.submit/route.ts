// served by scripts/serve.mjs straight to the handler as well (server/http/hot-routes.ts)
export { trpcHandler as GET, submitRatingPost as POST } from "@/server/trpc/submit.route";
