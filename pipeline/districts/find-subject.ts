import { z } from "zod";
import type { DistrictStatus } from "../../schemas/articles.ts";
import type { Block } from "../../schemas/normalized-article.ts";
import type { Place } from "./gazetteer.ts";
import { findMentions, levelRank, placeIndex, type Mention } from "./place-index.ts";
import { alignsWithWords } from "./within-words.ts";
import cuesFile from "./subject-cues.json" with { type: "json" };

const Cues = z.object({
  position_weight: z.object({ title: z.number(), lead: z.number(), body: z.number() }),
  lead_blocks: z.number().int(),
  role_weight: z.number(),
  role_after: z.array(z.string()),
  role_before: z.array(z.string()),
  agent_after: z.array(z.string()),
  media_after: z.array(z.string()),
  dominant: z.object({ min_score: z.number(), ratio: z.number(), inner_share: z.number(), confirm_mentions: z.number().int() }),
});
const cues = Cues.parse(cuesFile);
const roleAfter = new RegExp(`^(?:${[...cues.role_after, ...cues.agent_after].join("|")})`);
const roleBefore = new RegExp(`(?:${cues.role_before.join("|")})$`);
const mediaAfter = new RegExp(`^(?:${cues.media_after.join("|")})`);

export type SubjectStatus = DistrictStatus;

export interface Subject {
  place: Place | null;
  status: SubjectStatus;
  /** Why no place was chosen; null when resolved. */
  note: string | null;
  /** The subject's first mention, preferring its full name: where name_original is read. */
  mention: Mention | null;
  /** Place names that survived confirmation, for the officials and anyone else who needs them. */
  mentions: Mention[];
}

type Position = "title" | "lead" | "body";

/** Where a mention sits; a long first line is a lead paragraph, not a title. */
function positionOf(offset: number, blocks: readonly Block[]): Position {
  const index = blocks.findIndex((b) => offset >= b.start && offset < b.end);
  if (index < 0) return "body";
  const first = blocks[0]!;
  // What a title is, normalize decided once (structure.ts): a first line that reads like a headline.
  const hasTitle = first.kind === "title";
  if (index === 0 && hasTitle) return "title";
  return index < cues.lead_blocks + (hasTitle ? 1 : 0) ? "lead" : "body";
}

interface Reading {
  mention: Mention;
  position: Position;
  /** Next to the place's own party committee, government or congress (惠城区委, 源城区第八次党代会), or the subject of a plan (鲤城将). */
  role: boolean;
}

function read(text: string, blocks: readonly Block[], mention: Mention): Reading | null {
  const after = text.slice(mention.end, mention.end + 12);
  if (mediaAfter.test(after) || !alignsWithWords(text, mention)) return null;
  const role = roleAfter.test(after) || roleBefore.test(text.slice(Math.max(0, mention.start - 4), mention.start));
  return { mention, position: positionOf(mention.start, blocks), role };
}

/** 鲤城 for 鲤城区: a bare short form, which is often an everyday word (资源, 合作, 惠民). */
const isShortForm = (surface: string, place: Place) => surface !== place.name && place.name.startsWith(surface);

/**
 * Counties and zones are many and their names collide with ordinary words, so one counts only when the text
 * backs it: its full name in the title or lead, a role cue, or its own city named anywhere (a province is too
 * broad: 广东 does not make 新丰江 the 新丰县 of Shaoguan).
 */
function confirmed(place: Place, readings: readonly Reading[]): boolean {
  if (levelRank[place.level] < levelRank.county) return true;
  if (readings.filter((r) => r.mention.places.includes(place)).length >= cues.dominant.confirm_mentions) return true;
  return readings.some(({ mention, position, role }) =>
    mention.places.includes(place)
      ? role || (position !== "body" && !isShortForm(mention.surface, place))
      : mention.places.some((p) => p.district_id !== place.district_id && p.district_id === place.city_code),
  );
}

interface Evidence {
  place: Place;
  score: number;
  /** Named in the title or lead, or with a role cue anywhere. */
  strong: boolean;
  /** Named in the title, or with a role cue: the article speaks as this place. */
  speaks: boolean;
  /** Mentions of its city or province: what tells namesakes apart. */
  context: number;
}

function weigh(readings: readonly Reading[]): Evidence[] {
  const evidence = new Map<string, Evidence>();
  for (const { mention, position, role } of readings) {
    const weight = cues.position_weight[position] * (role ? cues.role_weight : 1);
    for (const place of mention.places) {
      const e = evidence.get(place.district_id) ?? { place, score: 0, strong: false, speaks: false, context: 0 };
      e.score += weight;
      e.strong ||= role || position !== "body";
      e.speaks ||= role || position === "title";
      evidence.set(place.district_id, e);
    }
  }
  for (const e of evidence.values()) {
    const ancestors = new Set([e.place.city_code, e.place.province_code].filter((c) => c !== e.place.district_id));
    e.context = readings.filter((r) => r.mention.places.some((p) => ancestors.has(p.district_id))).length;
  }
  return [...evidence.values()];
}

const isWithin = (child: Place, parent: Place) =>
  child !== parent && (child.city_code === parent.district_id || child.province_code === parent.district_id || (parent.level === "national" && child.level !== "national"));

/** The place named far more than any other that is neither inside it nor around it, or undefined. */
function dominant(ranked: readonly Evidence[]): Evidence | undefined {
  const [top] = ranked;
  if (!top || top.score < cues.dominant.min_score) return undefined;
  const rival = ranked.find((e) => e !== top && e.place.name !== top.place.name && !isWithin(e.place, top.place) && !isWithin(top.place, e.place));
  if (rival && top.score < cues.dominant.ratio * rival.score) return undefined;
  // A city's report names its province (自治区党委) as often as itself; a prefecture's names its counties as its parts.
  const province = top;
  const city = province.place.level === "province" ? ranked.find((e) => e.place.level === "city" && isWithin(e.place, province.place) && e.score >= cues.dominant.inner_share * province.score) : undefined;
  return city ?? top;
}

/** Which place the article speaks for, as distinct from places it only mentions. Pure. */
export function findSubject(text: string, blocks: readonly Block[]): Subject {
  const all = findMentions(text, placeIndex()).map((m) => read(text, blocks, m)).filter((r): r is Reading => r !== null);
  const readings = all
    .map((r) => ({ ...r, mention: { ...r.mention, places: r.mention.places.filter((p) => confirmed(p, all)) } }))
    .filter((r) => r.mention.places.length > 0);
  const mentions = readings.map((r) => r.mention);
  const weighed = weigh(readings).sort((a, b) => b.score - a.score || b.context - a.context);
  const ranked = weighed.filter((e) => e.strong);
  let top = ranked[0];
  let note: string | null = null;
  if (!top) {
    top = dominant(weighed);
    if (!top) return { place: null, status: "not_found", note: "no place named in the title or lead, or next to its own party committee or government, and none named far more than the others", mention: null, mentions };
    note = `named most (score ${top.score}), not in a title or next to its own government`;
  }
  // A city article rarely names a district in its title or next to that district's own committee; a district
  // article names its city all the time (我市, 惠州日报). So a speaking place inside the top one wins.
  const inner = ranked.find((e) => e.speaks && isWithin(e.place, top!.place) && e.score >= top!.score / 3);
  if (inner) top = inner;
  // Namesakes (鼓楼区 in 福州, 南京, 徐州, 开封) tie on every mention; the cities named in the text decide.
  const tied = ranked.filter((e) => e.place.name === top!.place.name && e.score === top!.score);
  if (tied.length > 1 && tied[0]!.context === tied[1]!.context) {
    const where = tied.map((e) => `${e.place.province ?? ""}${e.place.city !== e.place.province ? e.place.city ?? "" : ""}`);
    return { place: null, status: "ambiguous", note: `${top.place.name} is in ${where.join(", ")}; the text does not name which`, mention: null, mentions };
  }
  const place = tied[0]?.place ?? top.place;
  const own = mentions.filter((m) => m.places.includes(place));
  const mention = own.find((m) => m.surface === place.name) ?? own[0] ?? null;
  return { place, status: "resolved", note, mention, mentions };
}
