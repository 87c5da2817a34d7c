import { createRequire } from "node:module";
import { z } from "zod";
import { FUNCTION_WORD_TAG, tag } from "../text/segment.ts";
import type { Place } from "./gazetteer.ts";
import type { Mention } from "./place-index.ts";
import cuesFile from "./official-cues.json" with { type: "json" };

const Cues = z.object({
  organs: z.array(z.string()),
  posts: z.array(z.string()),
  bare_posts: z.array(z.string()),
  party_prefix: z.string(),
  name_stops: z.array(z.string()),
  surnames_added: z.array(z.string()),
});
const cues = Cues.parse(cuesFile);
// A title may be broken over a line or spaced out for display (区委\n书记, 区长　　杜联合).
const GAP = "[\\s\\u3000]{0,3}";
const titlePattern = `(?:${cues.organs.join("|")})${GAP}(?:${cues.posts.join("|")})|(?:${cues.bare_posts.join("|")})`;
const titles = new RegExp(titlePattern, "g");
const titleAtEnd = new RegExp(`(?:${titlePattern})$`);
/** The maintained list of the chinese-surnames package, single and compound (it holds a few empty entries), and the few it lacks. */
const packaged = z.array(z.string()).parse(createRequire(import.meta.url)("chinese-surnames/index.json")).filter((s) => s.length > 0);
const allSurnames = [...packaged, ...cues.surnames_added];
const surnames = new Set(allSurnames.filter((s) => s.length === 1));
const compoundSurnames = allSurnames.filter((s) => s.length > 1);
const han = /\p{Script=Han}/u;

export interface Official {
  name: string;
  /** The whole title as written before the name, 、-joined offices included (Simplified). */
  title: string;
}

/** Surname, then one or two given-name characters; the second is skipped when a word that follows names starts there. */
export function readName(text: string, at: number): string | null {
  // A rare surname that is also a function word (在, 向) starts a phrase, not a name: 区委书记在会上强调.
  if (FUNCTION_WORD_TAG.test(tag(text.slice(at, at + 4))[0]?.tag ?? "")) return null;
  const surname = compoundSurnames.find((s) => text.startsWith(s, at)) ?? (surnames.has(text[at] ?? "") ? text[at]! : null);
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

/** 副区长张三、李四、王五: every name of a 、-list after one title, up to one that a title follows (…、区长王五). */
function namesFrom(text: string, at: number, first: string): string[] {
  const names = [first];
  for (let next = at + first.length; text[next] === "、"; ) {
    const name = readName(text, next + 1);
    if (!name || titleAtEnd.test(text.slice(next + 1, next + 1 + name.length))) break;
    const after = next + 1 + name.length;
    // A name ends a list item: punctuation, the end, or the verb the list is the subject of (…、王五出席).
    if (after < text.length && !/[、，。；：\s]/u.test(text[after]!) && !cues.name_stops.some((w) => text.startsWith(w, after))) break;
    names.push(name);
    next = after;
  }
  return names;
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
    const nameAt = end + (text.slice(end, end + 3).match(/^[\s\u3000]*/u)?.[0].length ?? 0);
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
    const title = text.slice(offices[0]!.start, end).replace(/[\s\u3000]+/gu, "");
    const ours = places.length > 0 ? places.includes(subject) : title.includes(officeMorpheme(subject));
    if (!ours) continue;
    for (const person of namesFrom(text, nameAt, name)) {
      const known = found.get(person);
      if (!known || known.title.length < title.length) found.set(person, { name: person, title });
    }
  }
  return [...found.values()];
}
