import { z } from "zod";

/** Why the rater's name and phone are unmasked (article 16): the audit record keeps it. */
export const ZRevealReason = z.string().trim().min(4, "请写明查看原因（至少 4 个字）").max(500);
