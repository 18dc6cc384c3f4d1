import { SignInForm } from "@/app/(staff)/staff/sign-in-form";
import type { DeviceKind } from "@/server/device/device.service";

/** A screen or kiosk not enrolled yet: staff of that window (or an admin) sign in on it once. */
export function EnrolPanel({ kind, code }: { kind: DeviceKind; code: string }) {
  return (
    <main data-state="enrol" className="mx-auto max-w-md px-5 py-10">
      <h1 className="text-2xl font-bold">
        {kind === "window" ? `登记窗口评价屏 ${code}` : `登记自助终端 ${code}`}
      </h1>
      <p className="mt-2 text-base text-stone-700">
        这台设备还没有登记。请{kind === "window" ? "本窗口的工作人员" : "本单位的工作人员或管理员"}
        用工号和密码登记一次；登记后设备不保留任何人的登录。
      </p>
      <SignInForm enrol={{ kind, code }} />
    </main>
  );
}
