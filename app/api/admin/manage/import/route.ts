import { DomainError } from "@/server/errors";
import { adminRoute } from "@/server/http/admin";
import { importTable, MAX_IMPORT_BYTES } from "@/server/manage/import.service";

/**
 * Imports staff or items from an xlsx or CSV file (multipart: kind = staff | items, dryRun =
 * 1 | 0, file). A dry run writes nothing and lists every bad row; a real run writes only when
 * every row is good. The bureau only.
 */
export function POST(req: Request): Promise<Response> {
  return adminRoute(
    req,
    async (ctx) => {
      if (Number(req.headers.get("content-length") ?? "0") > MAX_IMPORT_BYTES + 64 * 1024)
        throw new DomainError("invalid", "文件：超过 5 MB", { field: "file" });
      const form = await req.formData().catch(() => {
        throw new DomainError("invalid", "请以表单（multipart/form-data）上传文件");
      });
      const kind = form.get("kind");
      if (kind !== "staff" && kind !== "items")
        throw new DomainError("invalid", "导入内容：请选择工作人员或事项", { field: "kind" });
      const file = form.get("file");
      if (!file || typeof file === "string" || file.size === 0)
        throw new DomainError("invalid", "文件：请选择 xlsx 或 CSV 文件", { field: "file" });
      const report = await importTable(
        ctx,
        kind,
        { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        { dryRun: form.get("dryRun") !== "0" },
      );
      return Response.json(report, { status: report.problems.length ? 422 : 200 });
    },
    { bureau: true },
  );
}
