/** Liveness (SPEC §10): the process serves. It never touches the database. */
export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
