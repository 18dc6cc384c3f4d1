import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates migrations from the schema (npm run db:generate);
// they are applied by scripts/migrate.ts with the app's own client.
export default defineConfig({
  dialect: "turso",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
