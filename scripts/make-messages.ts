// Writes messages/zh-TW.json from messages/zh-CN.json (a test fails when it is stale).
import { readFileSync, writeFileSync } from "node:fs";

import { hantMessages } from "@/i18n/hant";

const zhCN = JSON.parse(readFileSync("messages/zh-CN.json", "utf8")) as Parameters<
  typeof hantMessages
>[0];
writeFileSync("messages/zh-TW.json", `${JSON.stringify(hantMessages(zhCN), null, 2)}\n`);
console.log("messages/zh-TW.json written");
