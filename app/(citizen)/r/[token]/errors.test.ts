import { expect, test } from "vitest";

import en from "@/messages/en.json";

import type { Words } from "../../_components/words";
import { errorText } from "./errors";

const words: Words = en.client;
const refusal = (domainCode: string, reason?: string, message = "服务器的话") => ({
  message,
  data: { domainCode, details: reason ? { reason } : {} },
});

test("the refusals the page knows are said in the page's words; an SMS code's expiry is not a QR code's", () => {
  expect(errorText(refusal("invalid", "expired"), words)).toBe(en.client.otp_expired);
  expect(errorText(refusal("invalid", "spent"), words)).toBe(en.client.otp_spent);
  expect(errorText(refusal("invalid", "wrong"), words)).toBe(en.client.otp_wrong);
  expect(errorText(refusal("gone", "expired"), words)).toBe(en.client.gone);
  expect(errorText(refusal("gone", "used"), words)).toBe(en.client.used);
  // one it does not know keeps the server's sentence; no answer at all is the network
  expect(errorText(refusal("conflict"), words)).toBe("服务器的话");
  expect(errorText(null, words)).toBe(en.client.network);
});
