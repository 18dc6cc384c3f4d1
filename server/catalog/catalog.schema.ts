import { z } from "zod";

export const ZCatalog = z
  .object({
    orgs: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        level: z.enum(["city", "town", "village"]),
        kind: z.enum(["government", "department", "hall"]),
        parentCode: z.string().nullable(),
      }),
    ),
    windows: z.array(z.object({ code: z.string(), name: z.string(), orgCode: z.string() })),
    staff: z.array(z.object({ staffNo: z.string(), name: z.string(), orgCode: z.string(), windowCode: z.string().nullable() })),
    terminals: z.array(z.object({ code: z.string(), name: z.string(), orgCode: z.string() })),
    items: z.array(z.object({ code: z.string(), name: z.string(), orgCode: z.string(), needsCertificate: z.boolean() })),
  })
  .meta({ id: "Catalog" });
export type TCatalog = z.infer<typeof ZCatalog>;
