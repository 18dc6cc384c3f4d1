import type { ReactNode } from "react";

import { adminPage } from "../_components/admin-page";
import { when } from "../_components/format";
import { EndSession } from "./end-session";
import { PasswordForm } from "./password-form";
import { TaskPhoneForm } from "./task-phone-form";
import { TwoFactorEnrol } from "./two-factor";

export const metadata = { title: "账号设置" };

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * SPEC §7 `/admin/account` 账号设置: 两步验证, 修改密码, 待办短信, my sessions and my sign-in history.
 * An account that owes its second factor (HCP_REQUIRE_2FA) is sent here first and sees only what
 * it needs to enrol.
 */
export default async function Account() {
  return adminPage(
    async ({ caller, session }) => {
      const mustEnrol = session.mustEnrol === true;
      const [factor, sessions, history, phone] = await Promise.all([
        caller.account.secondFactor(),
        caller.account.sessions(),
        caller.account.history(),
        mustEnrol ? null : caller.tasks.phone(),
      ]);
      return (
        <main data-state="account" className="max-w-3xl">
          <h1 className="text-2xl font-bold">账号设置</h1>
          <p className="mt-1 text-base text-stone-700">{session.displayName}</p>
          {mustEnrol && (
            <p
              role="alert"
              className="mt-4 rounded-xl bg-amber-50 p-4 text-base text-amber-950 ring-1 ring-amber-300"
            >
              按照信息安全等级保护要求，管理账号须开启两步验证后才能使用其他功能。请先完成下面的两步验证设置。
            </p>
          )}
          <div className="mt-4 space-y-5">
            <Section id="two-factor" title="两步验证">
              {factor.enabled ? (
                <p className="mt-1 text-base text-stone-700">
                  已开启。登录时在密码之后输入验证器应用中的 6 位动态口令。剩余恢复码{" "}
                  {factor.recoveryLeft} 个；恢复码用完或手机丢失时，请联系市政务服务数据管理局重置。
                </p>
              ) : (
                <>
                  <p className="mt-1 text-base text-stone-700">
                    开启后，登录时除密码外还要输入手机验证器应用中的 6
                    位动态口令，密码泄露也不会被他人登录。
                  </p>
                  <TwoFactorEnrol />
                </>
              )}
            </Section>
            <Section id="password" title="修改密码">
              <p className="mt-1 text-base text-stone-700">
                新密码至少 12 个字符，含小写字母、大写字母、数字、符号中的至少三类，且不能与最近 5
                次的密码相同。
              </p>
              <PasswordForm />
            </Section>
            {phone && (
              <Section id="task-sms" title="待办短信">
                <p className="mt-1 text-base text-stone-700">
                  新的差评工单、2
                  个工作日内到期或已逾期的工单以及督办，会发短信提醒本单位登记了手机号并选择接收的管理员（21:00
                  至次日 8:00 不发送）。短信只含事项、办件流水号、办结期限和链接，不含评价人信息。
                </p>
                <TaskPhoneForm phone={phone.phone} taskSms={phone.taskSms} />
              </Section>
            )}
            <Section id="sessions" title="登录会话">
              <p className="mt-1 text-base text-stone-700">
                本账号正在登录的浏览器。不认识的登录请点“结束”，并修改密码。
              </p>
              <ul className="mt-3 space-y-3">
                {sessions.map((s) => (
                  <li
                    key={s.id}
                    className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-stone-50 p-3 ring-1 ring-stone-200"
                  >
                    <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-base">
                      <dt className="text-stone-700">浏览器</dt>
                      <dd>
                        {s.browser}
                        {s.current && (
                          <span className="ml-2 rounded bg-green-100 px-2 text-sm font-semibold text-green-900">
                            本机
                          </span>
                        )}
                      </dd>
                      <dt className="text-stone-700">地址</dt>
                      <dd className="font-mono">{s.address}</dd>
                      <dt className="text-stone-700">登录时间</dt>
                      <dd>{when(s.createdAt)}</dd>
                      <dt className="text-stone-700">最近活动</dt>
                      <dd>{when(s.lastSeenAt)}</dd>
                    </dl>
                    <EndSession
                      id={s.id}
                      current={s.current}
                      label={`结束${s.current ? "本机" : ""}会话（${s.browser}，${when(s.createdAt)} 登录）`}
                    />
                  </li>
                ))}
              </ul>
            </Section>
            <Section id="history" title="登录记录">
              <p className="mt-1 text-base text-stone-700">最近 100 条，只能查看，不能修改。</p>
              {/* a list, not a table: four columns squeezed to a phone broke 登录成功 one character a line */}
              <ol aria-label="登录记录" className="mt-3 divide-y divide-stone-200">
                {history.map((h) => (
                  <li key={h.id} className="py-2 text-base">
                    <span className="font-semibold">{h.what}</span>
                    <span className="ml-2 text-stone-700">{when(h.at)}</span>
                    <span className="block text-stone-700">
                      <span className="font-mono">{h.address}</span> · {h.browser}
                    </span>
                  </li>
                ))}
              </ol>
            </Section>
          </div>
        </main>
      );
    },
    { account: true },
  );
}
