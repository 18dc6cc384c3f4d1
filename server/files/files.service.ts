import "server-only";

import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";

import type { Deps } from "../deps";
import { DomainError } from "../errors";

/**
 * Evidence files (证明材料, article 22; DESIGN §8): PDF, JPEG or PNG, at most 10 MB, the type
 * decided by the first bytes (a name says nothing), stored under the data folder as
 * `files/<sha256>` — never in the database, never under public/. Served only by a route
 * handler after the scope check (app/api/admin/appeals/[id]/files/[fileId]/route.ts).
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MIN_FILES = 1;
export const MAX_FILES = 5;

export type EvidenceMime = "application/pdf" | "image/jpeg" | "image/png";

const SIGNATURES: { mime: EvidenceMime; bytes: number[]; exts: string[]; word: string }[] = [
  {
    mime: "image/png",
    bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    exts: [".png"],
    word: "PNG",
  },
  { mime: "image/jpeg", bytes: [0xff, 0xd8, 0xff], exts: [".jpg", ".jpeg"], word: "JPEG" },
  // "%PDF-"
  { mime: "application/pdf", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], exts: [".pdf"], word: "PDF" },
];

/** The type the first bytes prove, or null. */
export function sniff(bytes: Uint8Array): EvidenceMime | null {
  return (
    SIGNATURES.find(
      (s) => s.bytes.length <= bytes.length && s.bytes.every((b, i) => bytes[i] === b),
    )?.mime ?? null
  );
}

export interface CheckedFile {
  name: string;
  mime: EvidenceMime;
  size: number;
  bytes: Uint8Array;
}

/** Checks one file: its size, its content's type, and that its name's extension agrees. */
export function checkEvidence(name: string, bytes: Uint8Array): CheckedFile {
  const label = `证明材料“${name}”`;
  if (bytes.length === 0)
    throw new DomainError("invalid", `${label}：文件是空的`, { field: "files", name });
  if (bytes.length > MAX_FILE_BYTES)
    throw new DomainError("invalid", `${label}：超过 10 MB`, { field: "files", name });
  const mime = sniff(bytes);
  if (!mime)
    throw new DomainError("invalid", `${label}：文件内容不是 PDF、JPEG 或 PNG`, {
      field: "files",
      name,
    });
  const sig = SIGNATURES.find((s) => s.mime === mime)!;
  const ext = extname(name).toLowerCase();
  if (ext && !sig.exts.includes(ext))
    throw new DomainError("invalid", `${label}：文件名是 ${ext}，内容却是 ${sig.word}`, {
      field: "files",
      name,
    });
  return { name: cleanName(name, sig.exts[0]!), mime, size: bytes.length, bytes };
}

/** A name safe to show and to put in content-disposition: no path, no control characters, bounded. */
function cleanName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim()
    .slice(-120);
  return base || `file${ext}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const pathOf = (deps: Deps, sha256: string) => {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new DomainError("not_found", "找不到这个文件");
  return join(deps.settings.filesDir, sha256);
};

/** Stores the bytes once by their SHA-256 (written aside and renamed, so a reader never sees half a file). */
export async function storeFile(deps: Deps, bytes: Uint8Array): Promise<string> {
  const sha256 = sha256Hex(bytes);
  const path = pathOf(deps, sha256);
  const exists = await stat(path).then(
    (s) => s.size === bytes.length,
    () => false,
  );
  if (exists) return sha256;
  await mkdir(deps.settings.filesDir, { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString("hex")}.part`;
  await writeFile(tmp, bytes, { flag: "wx" });
  await rename(tmp, path);
  return sha256;
}

/** The stored bytes, checked against their name (a changed file is refused, not served). */
export async function readStoredFile(deps: Deps, sha256: string): Promise<Buffer> {
  const bytes = await readFile(pathOf(deps, sha256)).catch(() => {
    throw new DomainError("not_found", "找不到这个文件");
  });
  if (sha256Hex(bytes) !== sha256) throw new DomainError("gone", "文件内容与记录不符，已拒绝提供");
  return bytes;
}
