/**
 * Baseline: a bare node:http server that parses the JSON body and inserts one row per request
 * into a libSQL file with synchronous=FULL — one fsync per write, no framework.
 */
import { createServer } from "node:http";

import { createClient } from "@libsql/client";

const [file, port] = process.argv.slice(2);
const client = createClient({ url: `file:${file}` });
await client.execute("PRAGMA journal_mode=WAL");
await client.execute("PRAGMA synchronous=FULL");
await client.execute(
  "create table if not exists events (id integer primary key, event_id text unique, body text)",
);

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const text = Buffer.concat(chunks).toString("utf8");
    if (!text) return void res.writeHead(200).end("up");
    const body = JSON.parse(text) as { eventId?: string; submissionId?: string };
    client
      .execute({
        sql: "insert into events (event_id, body) values (?, ?)",
        args: [body.eventId ?? body.submissionId ?? null, JSON.stringify(body)],
      })
      .then(() => {
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      })
      .catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
}).listen(Number(port), "127.0.0.1", () => console.log("ready"));
