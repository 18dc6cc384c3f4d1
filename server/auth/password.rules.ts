/**
 * A back-office password (GB/T 22239 level 3, SPEC §8): at least 12 characters with three of the
 * four classes (lower case, upper case, digits, other signs). Each refusal names the rule in
 * plain words; null when it holds.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return "密码至少要有 12 个字符";
  if (password.length > 200) return "密码不能超过 200 个字符";
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((c) => c.test(password)).length;
  if (classes < 3) return "密码须包含小写字母、大写字母、数字、符号中的至少三类";
  return null;
}

/** A new password may not be one of the account's last this many (the current one included). */
export const REUSE_LIMIT = 5;
