import { z } from "zod";
import type { Place } from "./gazetteer.ts";
import type { Mention } from "./place-index.ts";
import cuesFile from "./official-cues.json" with { type: "json" };

const Cues = z.object({
  organs: z.array(z.string()),
  posts: z.array(z.string()),
  bare_posts: z.array(z.string()),
  party_prefix: z.string(),
  name_stops: z.array(z.string()),
  surnames: z.string(),
  compound_surnames: z.array(z.string()),
});
const cues = Cues.parse(cuesFile);
const titlePattern = `(?:${cues.organs.join("|")})(?:${cues.posts.join("|")})|(?:${cues.bare_posts.join("|")})`;
const titles = new RegExp(titlePattern, "g");
const titleAtEnd = new RegExp(`(?:${titlePattern})$`);
const surnames = new Set(cues.surnames);
const han = /\p{Script=Han}/u;

export interface Official {
  name: string;
  /** The whole title as written before the name, 、-joined offices included (Simplified). */
  title: string;
}

/** Surname, then one or two given-name characters; the second is skipped when a word that follows names starts there. */
export function readName(text: string, at: number): string | null {
  const surname = cues.compound_surnames.find((s) => text.startsWith(s, at)) ?? (surnames.has(text[at] ?? "") ? text[at]! : null);
  if (!surname) return null;
  let end = at + surname.length;
  for (let given = 0; given < 2; given++) {
    const ch = text[end];
    if (!ch || !han.test(ch)) break;
    if (given === 1 && cues.name_stops.some((w) => text.startsWith(w, end))) break;
    end++;
  }
  return end > at + surname.length ? text.slice(at, end) : null;
}

interface Office {
  start: number;
  places: Place[];
}

/** The office whose title ends at `end`, widened to the place named just before it (惠城区 + 区委书记 share 区) and 中共. */
function officeEndingAt(text: string, end: number, mentions: readonly Mention[]): Office | null {
  const match = titleAtEnd.exec(text.slice(Math.max(0, end - 12), end));
  if (!match) return null;
  let start = end - match[0].length;
  const place = mentions.find((m) => m.start < start && (m.end === start || m.end === start + 1));
  if (place) start = place.start;
  if (text.startsWith(cues.party_prefix, start - cues.party_prefix.length)) start -= cues.party_prefix.length;
  return { start, places: place?.places ?? [] };
}

/** 区 for a district or zone (区委书记), 县 for a county, 市 for a city: how its own offices are named. */
const officeMorpheme = (place: Place) => (place.level === "zone" ? "区" : place.name.at(-1) ?? "");

/**
 * People who speak for the subject place: a title chain (仲恺高新区委书记、潼湖生态智慧区党工委书记) right
 * before a name, where one office names the place, or none names any place and the title is of the place's
 * level (区委书记 in a district's article). Officials of other places (市委书记, 李希书记) are left out. Pure.
 */
export function extractOfficials(text: string, subject: Place, mentions: readonly Mention[]): Official[] {
  const found = new Map<string, Official>();
  for (const t of text.matchAll(titles)) {
    const end = t.index + t[0].length;
    const nameAt = end + (/^[ \u3000]/.test(text.slice(end, end + 1)) ? 1 : 0);
    const name = readName(text, nameAt);
    const last = name ? officeEndingAt(text, end, mentions) : null;
    if (!name || !last) continue;
    const offices = [last];
    for (let o = last; text[o.start - 1] === "、"; ) {
      const previous = officeEndingAt(text, o.start - 1, mentions);
      if (!previous) break;
      offices.unshift(previous);
      o = previous;
    }
    const places = offices.flatMap((o) => o.places);
    const title = text.slice(offices[0]!.start, end);
    const ours = places.length > 0 ? places.includes(subject) : title.includes(officeMorpheme(subject));
    const known = found.get(name);
    if (ours && (!known || known.title.length < title.length)) found.set(name, { name, title });
  }
  return [...found.values()];
}
