import { parseFileAppeal } from "@/server/appeals/appeals.schema";
import { fileAppeal } from "@/server/appeals/appeals.service";
import { DomainError } from "@/server/errors";
import { MAX_FILE_BYTES, MAX_FILES } from "@/server/files/files.service";
import { adminRoute } from "@/server/http/admin";

const text = (v: FormDataEntryValue | null): string => (typeof v === "string" ? v : "");

// five files of 10 MB and the form around them
const MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 1024 * 1024;

/**
 * Files an appeal (article 22): multipart form with ratingId, indicatorCodes (repeated), reason
 * and 1–5 `files`. Answers 201 { appealId } or { error: { code, message, field } }.
 */
export function POST(req: Request): Promise<Response> {
  return adminRoute(req, async (ctx) => {
    const declared = Number(req.headers.get("content-length") ?? "0");
    if (declared > MAX_REQUEST_BYTES)
      throw new DomainError("invalid", "证明材料：每个文件不超过 10 MB，最多 5 个", {
        field: "files",
      });
    const form = await req.formData().catch(() => {
      throw new DomainError("invalid", "请以表单（multipart/form-data）提交申诉");
    });
    const uploads = [];
    for (const f of form.getAll("files")) {
      if (typeof f === "string") continue;
      if (f.size === 0 && !f.name) continue;
      if (f.size > MAX_FILE_BYTES)
        throw new DomainError("invalid", `证明材料“${f.name}”：超过 10 MB`, { field: "files" });
      uploads.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
    const input = parseFileAppeal({
      ratingId: text(form.get("ratingId")),
      indicatorCodes: form.getAll("indicatorCodes").map(text),
      reason: text(form.get("reason")),
    });
    const result = await fileAppeal(ctx, input, uploads);
    return Response.json(result, { status: 201 });
  });
}
