import { fileURLToPath } from "node:url";

import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
// the project's own config, without type information: the boundary rule needs none, and a file
// that is not on disk could not be typed anyway (this keeps the test well under a second or two)
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function boundaryErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports")
    .map((m) => m.message);
}

test("a page that imports db/ is refused by the lint rule (DESIGN §5: app/ never imports db/)", async () => {
  for (const code of [
    'import { LEVELS } from "@/db/schema";\nexport const x = LEVELS;\n',
    'import type { Reader } from "@/db/types";\nexport type X = Reader;\n',
    'import { ratings } from "../../db/schema";\nexport const x = ratings;\n',
  ])
    expect(await boundaryErrors(code, "app/(admin)/admin/x/page.tsx")).toEqual([
      expect.stringContaining("app/ never imports db/"),
    ]);
});

test("the rating vocabulary is what a page imports instead; server/ may import db/", async () => {
  const vocabulary =
    'import { LEVELS } from "@/server/ratings/vocabulary";\nexport const x = LEVELS;\n';
  expect(await boundaryErrors(vocabulary, "app/(admin)/admin/x/page.tsx")).toEqual([]);
  const service = 'import { ratings } from "@/db/schema";\nexport const x = ratings;\n';
  expect(await boundaryErrors(service, "server/x/x.service.ts")).toEqual([]);
});
