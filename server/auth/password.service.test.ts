import { describe, expect, test } from "vitest";

import { sessionOf } from "@/tests/admin-fixtures";
import { perTestDeps } from "@/tests/db";

import { adminCtxOf } from "../access/admin-ctx";
import { resetPassword } from "../manage/accounts.service";
import { renewPassword, signIn } from "./auth.service";
import { changePassword } from "./password.service";
import { NO_CLIENT } from "./sign-in-events";

const fresh = perTestDeps();
const DAY = 86_400_000;

describe("back-office passwords (SPEC §8)", () => {
  test("each refusal names its rule: length, classes, the current password, one of the last five", async () => {
    const { deps, clock } = await fresh();
    const me = await sessionOf(deps, "admin-440781");
    const change = (current: string, password: string) =>
      changePassword(deps, me, { current, password }, NO_CLIENT);
    await expect(change("demo-admin", "Short-1")).rejects.toMatchObject({
      code: "invalid",
      message: "密码至少要有 12 个字符",
    });
    await expect(change("demo-admin", "alllowercaseletters")).rejects.toMatchObject({
      message: "密码须包含小写字母、大写字母、数字、符号中的至少三类",
    });
    await expect(change("not-mine", "Taishan-2026-one")).rejects.toMatchObject({
      message: "当前密码不正确",
    });
    const used = [
      "Taishan-2026-one",
      "Taishan-2026-two",
      "Taishan-2026-three",
      "Taishan-2026-four",
      "Taishan-2026-five",
    ];
    let current = "demo-admin";
    for (const p of used) {
      clock.advance(1000);
      await change(current, p);
      current = p;
    }
    // the last five are the current one and the four before it
    for (const p of used)
      await expect(change(current, p)).rejects.toMatchObject({
        message: "新密码不能与最近 5 次使用过的密码相同",
      });
    // a sixth, and the first is far enough back again
    await change(current, "Taishan-2026-six");
    await expect(change("Taishan-2026-six", "Taishan-2026-one")).resolves.toBeUndefined();
  });

  test("a password older than 90 days is changed at the next sign-in; the demo's seeded ones only in the demo are exempt", async () => {
    const { deps, clock } = await fresh(undefined, { demo: false });
    clock.set(Date.now() + 91 * DAY);
    const first = await signIn(deps, "admin-440781", "demo-admin");
    expect(first.step).toBe("new_password");
    if (first.step !== "new_password") return;
    await expect(renewPassword(deps, first.pending, "demo-admin")).rejects.toMatchObject({
      message: "密码至少要有 12 个字符",
    });
    expect((await renewPassword(deps, first.pending, "Taishan-2026-renewed")).step).toBe("done");
    expect((await signIn(deps, "admin-440781", "Taishan-2026-renewed")).step).toBe("done");

    const demo = await fresh(undefined, { demo: true });
    demo.clock.set(Date.now() + 365 * DAY);
    expect((await signIn(demo.deps, "admin-440781", "demo-admin")).step).toBe("done");
  });

  test("a password the bureau sets is changed by its owner at the first sign-in, under the same rules", async () => {
    const { deps } = await fresh();
    const bureau = await sessionOf(deps, "bureau");
    const admin = await sessionOf(deps, "admin-440781");
    await expect(
      resetPassword(await adminCtxOf(deps, bureau), { id: admin.accountId, password: "short" }),
    ).rejects.toMatchObject({ message: "密码：至少要有 12 个字符" });
    await resetPassword(await adminCtxOf(deps, bureau), {
      id: admin.accountId,
      password: "Bureau-set-2026",
    });
    const first = await signIn(deps, "admin-440781", "Bureau-set-2026");
    expect(first.step).toBe("new_password");
    if (first.step !== "new_password") return;
    await expect(renewPassword(deps, first.pending, "Bureau-set-2026")).rejects.toMatchObject({
      message: "新密码不能与最近 5 次使用过的密码相同",
    });
    expect((await renewPassword(deps, first.pending, "My-own-2026-pass")).step).toBe("done");
  });
});
