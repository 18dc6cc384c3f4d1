/*
 * The process's life as scripts/serve.mjs (the server) sees it: it sets `draining` on SIGTERM
 * (/api/ready answers 503 from then on) and, once the requests in flight are answered, calls
 * every `onStop` hook (the job timer, the writer's queue, the database) before it exits.
 * Kept on globalThis: serve.mjs is plain JavaScript outside Next's bundles.
 */
export interface Lifecycle {
  draining: boolean;
  onStop: (() => Promise<void>)[];
}

const KEY = Symbol.for("hcp.lifecycle");

export function lifecycle(): Lifecycle {
  const holder = globalThis as { [KEY]?: Lifecycle };
  holder[KEY] ??= { draining: false, onStop: [] };
  return holder[KEY];
}
