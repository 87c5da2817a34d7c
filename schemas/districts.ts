import { z } from "zod";
import { column, defineTable, placeCode } from "./column.ts";

export const DistrictRow = z.object({
  district_id: column(placeCode(), {
    description: "GB/T 2260 administrative division code (NBS statistical code for zones NBS codes), or a supplement id: <parent city code>-Z<NN> for curated zones; 100000 for the country (GB/T 2260 has no code for it).",
  }),
  name: column(z.string().min(1), { description: "Name in Simplified script." }),
  name_original: column(z.string().min(1), { description: "Name as first written in the source, in its original script." }),
  level: column(z.enum(["national", "province", "city", "county", "zone"]), {
    description: "Level of government whose plan the article states.",
    categorical: true,
  }),
  division_type: column(z.string().min(1), {
    description: "Kind of unit: an administrative division (district, county, …) or a zone that is not one (high-tech zone, development zone, new area).",
    categorical: true,
  }),
  city: column(z.string().min(1).nullable(), { description: "Parent prefecture-level city, Simplified." }),
  city_code: column(placeCode().nullable(), { description: "GB/T 2260 code of the parent city." }),
  province: column(z.string().min(1).nullable(), { description: "Province, Simplified." }),
  province_code: column(placeCode().nullable(), { description: "GB/T 2260 code of the province." }),
  article_count: column(z.number().int().positive(), { description: "Articles in this release whose subject is this district." }),
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
