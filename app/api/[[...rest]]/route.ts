import { errorResponse } from "@/server/http/v1";

/** Any /api path that names no endpoint (/api and /api/v1 themselves included): the v1 error shape, never the HTML page. */
function notFound(req: Request): Response {
  return errorResponse(
    404,
    "not_found",
    `no endpoint ${req.method} ${new URL(req.url).pathname}; see /api/v1/openapi.json`,
  );
}

export {
  notFound as DELETE,
  notFound as GET,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
