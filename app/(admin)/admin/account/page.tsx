import { adminPage } from "../_components/admin-page";
import { TaskPhoneForm } from "./task-phone-form";

export const metadata = { title: "账号设置" };

/**
 * SPEC §7 `/admin/account` 账号设置: one section per concern. This release has 待办短信 (手机号 and
 * 接收待办短信); 修改密码, 两步验证 and the sessions are sections of their own to come.
 */
export default async function Account() {
  return adminPage(async ({ caller, session }) => {
    const phone = await caller.tasks.phone();
    return (
      <main data-state="account" className="max-w-3xl">
        <h1 className="text-2xl font-bold">账号设置</h1>
        <p className="mt-1 text-base text-stone-700">{session.displayName}</p>
        <div className="mt-4 space-y-5">
          <section aria-labelledby="task-sms" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 id="task-sms" className="text-lg font-semibold">
              待办短信
            </h2>
            <p className="mt-1 text-base text-stone-700">
              新的差评工单、2 个工作日内到期或已逾期的工单以及督办，会发短信提醒本单位登记了手机号并选择接收的管理员（21:00 至次日 8:00
              不发送）。短信只含事项、办件流水号、办结期限和链接，不含评价人信息。
            </p>
            <TaskPhoneForm phone={phone.phone} taskSms={phone.taskSms} />
          </section>
        </div>
      </main>
    );
  });
}
