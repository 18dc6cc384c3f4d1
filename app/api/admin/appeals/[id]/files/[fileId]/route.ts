import { evidenceFile } from "@/server/appeals/appeals.service";
import { adminRoute, attachment } from "@/server/http/admin";

/** One evidence file of an appeal, only after the scope check; always as an attachment, never sniffed. */
export function GET(
  req: Request,
  { params }: { params: Promise<{ id: string; fileId: string }> },
): Promise<Response> {
  return adminRoute(req, async (ctx) => {
    const { id, fileId } = await params;
    const f = await evidenceFile(ctx, id, fileId);
    return attachment(f.bytes, f.name, f.mime);
  });
}
