import { describe, expect, test } from "vitest";

import { browserOf, passwordExpired, sessionVerdict, SET_BY_BUREAU } from "./session.rules";

const MIN = 60_000;
const LIMITS = { idleMinutes: 30, maxHours: 12 };

describe("session limits: the rules", () => {
  test("idle past the limit or past its hours ends a session at the earlier moment; a touch at most once a minute", () => {
    const row = { createdAt: 0, lastSeenAt: 0 };
    expect(sessionVerdict(row, 59_000, LIMITS)).toEqual({ live: true, touch: false });
    expect(sessionVerdict(row, MIN, LIMITS)).toEqual({ live: true, touch: true });
    expect(sessionVerdict(row, 30 * MIN, LIMITS)).toEqual({
      live: false,
      reason: "idle",
      endedAt: 30 * MIN,
    });
    const busy = { createdAt: 0, lastSeenAt: 12 * 60 * MIN - 5 * MIN };
    expect(sessionVerdict(busy, 12 * 60 * MIN + 1, LIMITS)).toEqual({
      live: false,
      reason: "expired",
      endedAt: 12 * 60 * MIN,
    });
    // idle first, noticed after the hours ran out too: it ended when it went idle
    expect(sessionVerdict({ createdAt: 0, lastSeenAt: MIN }, 13 * 60 * MIN, LIMITS)).toEqual({
      live: false,
      reason: "idle",
      endedAt: 31 * MIN,
    });
  });

  test("a password expires after the bureau's days, never with 0 days, and at once when the bureau set it", () => {
    const DAY = 86_400_000;
    expect(passwordExpired(1, 90 * DAY, 90)).toBe(false);
    expect(passwordExpired(1, 90 * DAY + 1, 90)).toBe(true);
    expect(passwordExpired(1, 900 * DAY, 0)).toBe(false);
    expect(passwordExpired(SET_BY_BUREAU, 1, 0)).toBe(true);
  });

  test("a browser is named by its make, version and system, nothing more", () => {
    const ua = {
      chrome:
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36",
      edge: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36 Edg/150.0.0.0",
      safari:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
      firefox:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.0; rv:140.0) Gecko/20100101 Firefox/140.0",
      android:
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36",
    };
    expect(browserOf(ua.chrome)).toBe("Chrome 150 · Linux");
    expect(browserOf(ua.edge)).toBe("Edge 150 · Windows");
    expect(browserOf(ua.safari)).toBe("Safari 18 · iOS");
    expect(browserOf(ua.firefox)).toBe("Firefox 140 · macOS");
    expect(browserOf(ua.android)).toBe("Chrome 150 · Android");
    expect(browserOf("curl/8.0")).toBe("其他浏览器");
    expect(browserOf(null)).toBe("—");
  });
});
