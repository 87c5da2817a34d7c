import { z } from "zod";
import { column, defineTable, hexId, placeCode } from "./column.ts";

export const OfficialRow = z.object({
  article_id: column(hexId(16), { description: "Article that names the official." }),
  name: column(z.string().min(2).max(4), { description: "Personal name as written, Simplified." }),
  title: column(z.string().min(1), {
    description: "Title as written right before the name, 、-joined offices included (Simplified).",
  }),
  district_id: column(placeCode(), { description: "District the official speaks for: the article's subject district." }),
});
export type OfficialRow = z.infer<typeof OfficialRow>;

export const officialsTable = defineTable({
  name: "officials",
  title: "Officials",
  description: "People who speak for an article's subject district (party secretaries, district heads, zone directors), with their titles as the article gives them.",
  schema: OfficialRow,
  primaryKey: ["article_id", "name"],
  foreignKeys: [
    { fields: ["article_id"], reference: { resource: "articles", fields: ["article_id"] } },
    { fields: ["district_id"], reference: { resource: "districts", fields: ["district_id"] } },
  ],
});
