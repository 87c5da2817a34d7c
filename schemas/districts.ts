import { z } from "zod";
import { column, defineTable } from "./column.ts";

export const DistrictRow = z.object({
  district_id: column(z.string().min(1), {
    description: "GB/T 2260 administrative division code (NBS statistical code for zones NBS codes), or a supplement id: <parent city code>-Z<NN> for curated zones; 100000 for the country (GB/T 2260 has no code for it).",
    examples: ["441302", "441300-Z01"],
  }),
  name: column(z.string().min(1), { description: "Name in Simplified script.", examples: ["惠城区"] }),
  name_original: column(z.string().min(1), { description: "Name as first written in the source, in its original script.", examples: ["惠城區"] }),
  level: column(z.enum(["national", "province", "city", "county", "zone"]), {
    description: "Level of government whose plan the article states.",
    examples: ["county"],
    categorical: true,
  }),
  division_type: column(z.string().min(1), {
    description: "Kind of unit: an administrative division (district, county, …) or a zone that is not one (high-tech zone, development zone, new area).",
    examples: ["district"],
    categorical: true,
  }),
  city: column(z.string().nullable(), { description: "Parent prefecture-level city, Simplified.", examples: ["惠州市"] }),
  city_code: column(z.string().nullable(), { description: "GB/T 2260 code of the parent city.", examples: ["441300"] }),
  province: column(z.string().nullable(), { description: "Province, Simplified.", examples: ["广东省"] }),
  province_code: column(z.string().nullable(), { description: "GB/T 2260 code of the province.", examples: ["440000"] }),
  article_count: column(z.number().int().positive(), { description: "Articles in this release whose subject is this district.", examples: [1] }),
});
export type DistrictRow = z.infer<typeof DistrictRow>;

export const districtsTable = defineTable({
  name: "districts",
  title: "Districts",
  description: "The places whose plans the articles state, with official codes for joining census and statistical data.",
  schema: DistrictRow,
  primaryKey: ["district_id"],
  foreignKeys: [],
});
