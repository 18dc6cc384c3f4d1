import { describe, expect, test } from "vitest";

// @ts-expect-error -- a plain .mjs script without types
import { judge } from "../scripts/audit-deps.mjs";

interface Judged {
  failing: { id: string; package: string; expired?: string }[];
  allowed: { id: string; reason: string }[];
  unused: string[];
}
const run = judge as (report: unknown, allowlist: unknown[], today?: string) => Judged;

/** The shape of `npm audit --json` (report format 2), trimmed. */
const report = {
  auditReportVersion: 2,
  vulnerabilities: {
    next: {
      name: "next",
      severity: "high",
      via: [
        {
          source: 1101,
          name: "next",
          title: "cache poisoning",
          url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc",
          severity: "high",
          range: "<16.4.7",
        },
      ],
    },
    pino: {
      name: "pino",
      severity: "moderate",
      via: [
        {
          source: 1102,
          name: "pino",
          title: "log forging",
          url: "https://github.com/advisories/GHSA-mmmm-mmmm-mmmm",
          severity: "moderate",
        },
      ],
    },
    "some-parent": { name: "some-parent", severity: "critical", via: ["deep-dep"] },
    "deep-dep": {
      name: "deep-dep",
      severity: "critical",
      via: [
        {
          source: 1103,
          name: "deep-dep",
          title: "prototype pollution",
          url: "https://github.com/advisories/GHSA-dddd-eeee-ffff",
          severity: "critical",
        },
      ],
    },
  },
};

describe("scripts/audit-deps.mjs: which advisories fail npm test", () => {
  test("high and critical advisories fail, moderate ones and mere parents do not count twice", () => {
    const r = run(report, []);
    expect(r.failing.map((a) => a.id).sort()).toEqual([
      "GHSA-aaaa-bbbb-cccc",
      "GHSA-dddd-eeee-ffff",
    ]);
    expect(r.allowed).toEqual([]);
  });

  test("an advisory listed with a reason passes until its listing expires; a listing nothing needs is reported", () => {
    const allow = [
      {
        id: "GHSA-dddd-eeee-ffff",
        package: "deep-dep",
        reason: "only reached by the build tool, never at run time",
        expires: "2027-01-31",
      },
      {
        id: "GHSA-zzzz-zzzz-zzzz",
        package: "gone",
        reason: "fixed upstream since, kept by mistake",
      },
    ];
    const r = run(report, allow, "2026-12-02");
    expect(r.failing.map((a) => a.id)).toEqual(["GHSA-aaaa-bbbb-cccc"]);
    expect(r.allowed).toMatchObject([
      { id: "GHSA-dddd-eeee-ffff", reason: "only reached by the build tool, never at run time" },
    ]);
    expect(r.unused).toEqual(["GHSA-zzzz-zzzz-zzzz"]);
    expect(
      run(report, allow, "2027-02-01").failing.find((a) => a.id === "GHSA-dddd-eeee-ffff"),
    ).toMatchObject({ expired: "2027-01-31" });
  });

  test("a listing without a reason is refused", () => {
    expect(() => run(report, [{ id: "GHSA-aaaa-bbbb-cccc" }])).toThrow(/reason/);
  });
});
