import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";

import { chooseLocale, LOCALE_COOKIE } from "./locale";

/** next-intl without locale routing: printed QR URLs stay /r/<token>, the language is the reader's. */
export default getRequestConfig(async () => {
  const locale = chooseLocale(
    (await cookies()).get(LOCALE_COOKIE)?.value,
    (await headers()).get("accept-language"),
  );
  const messages = (
    (await import(`../messages/${locale}.json`)) as { default: Record<string, unknown> }
  ).default;
  return { locale, messages, timeZone: "Asia/Shanghai" };
});
