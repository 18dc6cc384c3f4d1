import { describe, expect, test } from "vitest";

import { clientAddressOf } from "./client-address";

const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("the client's address for the per-address limits", () => {
  test("behind one trusted proxy: the address it appended, whatever the client wrote before it", () => {
    expect(clientAddressOf(h("203.0.113.7"), 1)).toBe("203.0.113.7");
    // a random header per request used to be a fresh bucket each time; now it is ignored
    expect(clientAddressOf(h("1.1.1.1, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddressOf(h("9.9.9.9, 8.8.8.8, 203.0.113.7"), 1)).toBe("203.0.113.7");
    expect(clientAddressOf(h("9.9.9.9, 203.0.113.7, 10.0.0.2"), 2)).toBe("203.0.113.7");
    expect(clientAddressOf(h(), 1)).toBe("unverified");
  });

  test("with no proxy: the socket's address that next start wrote; a forged list is one shared bucket", () => {
    expect(clientAddressOf(h("127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddressOf(h("1.1.1.1, 2.2.2.2"), 0)).toBe("unverified");
    expect(clientAddressOf(h("3.3.3.3, 4.4.4.4"), 0)).toBe("unverified");
    expect(clientAddressOf(h(), 0)).toBe("direct");
  });
});
