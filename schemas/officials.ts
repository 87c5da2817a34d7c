import { z } from "zod";
import { column, defineTable, hexId } from "./column.ts";

export const OfficialRow = z.object({
  article_id: column(hexId(16), { description: "Article that names the official.", examples: ["5b0e8f2d6c1a9e47"] }),
  name: column(z.string().min(2).max(4), { description: "Personal name as written, Simplified.", examples: ["刘光滨"] }),
  title: column(z.string().min(1), {
    description: "Title as written right before the name, 、-joined offices included (Simplified).",
    examples: ["惠城区委书记"],
  }),
  district_id: column(z.string().min(1), { description: "District the official speaks for: the article's subject district.", examples: ["441302"] }),
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
