import { z } from "zod";

/** Article 25: a rating or a work order marked 涉嫌违纪违法, with the clue in a note. */
export const ZMark = z.object({
  targetKind: z.enum(["rating", "work_order"]),
  targetId: z.string().trim().min(1).max(64),
  note: z.string().trim().min(4, "请写明线索（至少 4 个字）").max(2000),
});
export type TMark = z.infer<typeof ZMark>;
