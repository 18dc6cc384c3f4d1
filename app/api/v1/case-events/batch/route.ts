// served by scripts/serve.mjs straight to the handler as well (server/http/hot-routes.ts)
export { postCaseEventBatch as POST } from "@/server/cases/cases.route";
