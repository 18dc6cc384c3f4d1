import { createClient } from "@libsql/client";

/** What the database holds for a case's ratings: how it came (channel), who proved it, the overall. */
export async function storedRatings(dbFile: string, serialNo: string) {
  const db = createClient({ url: `file:${dbFile}` });
  try {
    const rows = await db.execute({
      sql: "select r.channel, r.proof, r.overall_level as level from ratings r join cases c on c.id = r.case_id where c.serial_no = ? order by r.seq",
      args: [serialNo],
    });
    return rows.rows.map((r) => ({ channel: r.channel, proof: r.proof, level: r.level }));
  } finally {
    db.close();
  }
}
