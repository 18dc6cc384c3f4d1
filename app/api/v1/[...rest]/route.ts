import { errorResponse } from "@/server/http/v1";

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
