/** Masks for the screen (DESIGN §3): 李* / 440781********1234 / 138****1234. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return "";
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}${"*".repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 10) return "*".repeat(s.length);
  return `${s.slice(0, 6)}${"*".repeat(s.length - 10)}${s.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const s = phone.replace(/\s+/g, "");
  if (s.length < 7) return "*".repeat(s.length);
  return `${s.slice(0, 3)}${"*".repeat(s.length - 7)}${s.slice(-4)}`;
}

// people do type their phone or ID number into free text; on screen it is masked like any other
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

/** Free text for the screen: any phone or ID number in it masked. */
export const maskInText = (text: string): string =>
  text.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, maskPhone);
