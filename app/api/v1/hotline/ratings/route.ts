import { ZHotlineRating } from "@/server/hotline/hotline.schema";
import { recordHotlineRating } from "@/server/hotline/hotline.service";
import { v1Handler } from "@/server/http/v1";

export const POST = v1Handler(
  { scope: "hotline", input: ZHotlineRating },
  ({ deps, client }, rating) => recordHotlineRating(deps, client.id, rating),
);
