import { gazetteer, type Level, type Place } from "./gazetteer.ts";

/** A place name found in the text; `places` holds every place the name can mean. */
export interface Mention {
  start: number;
  end: number;
  surface: string;
  places: Place[];
}

export interface PlaceIndex {
  names: ReadonlyMap<string, Place[]>;
  byId: ReadonlyMap<string, Place>;
  /**
   * First UTF-16 unit → the lengths of the names it starts, longest first: most characters start no name. Keyed
   * by number so the scan does not make a one-character string per character of the corpus.
   */
  lengthsByFirst: ReadonlyMap<number, readonly number[]>;
}

export const levelRank: Record<Level, number> = { national: 0, province: 1, city: 2, county: 3, zone: 3 };

/**
 * Where a name is some place's full name, only those places; a short name shared across levels means the
 * higher one (岳阳 is 岳阳市, not 岳阳县; 吉林 the province).
 */
function narrow(name: string, places: Place[]): Place[] {
  const full = places.filter((p) => p.name === name);
  if (full.length > 0) return full;
  const top = Math.min(...places.map((p) => levelRank[p.level]));
  return places.filter((p) => levelRank[p.level] === top);
}

function buildIndex(): PlaceIndex {
  const names = new Map<string, Place[]>();
  for (const place of gazetteer()) {
    for (const alias of place.aliases) {
      const list = names.get(alias) ?? [];
      if (!list.includes(place)) list.push(place);
      names.set(alias, list);
    }
  }
  const lengthsByFirst = new Map<number, number[]>();
  for (const [name, places] of names) {
    names.set(name, narrow(name, places));
    const lengths = lengthsByFirst.get(name.charCodeAt(0)) ?? [];
    if (!lengths.includes(name.length)) lengths.push(name.length);
    lengthsByFirst.set(name.charCodeAt(0), lengths);
  }
  for (const lengths of lengthsByFirst.values()) lengths.sort((a, b) => b - a);
  return { names, byId: new Map(gazetteer().map((p) => [p.district_id, p])), lengthsByFirst };
}

let cached: PlaceIndex | undefined;

/** Name → candidate places, built once per process. */
export function placeIndex(): PlaceIndex {
  cached ??= buildIndex();
  return cached;
}

/** Leftmost-longest scan, so 岳阳楼区 is one mention, not 岳阳 + 楼区. */
export function findMentions(text: string, index: PlaceIndex = placeIndex()): Mention[] {
  const mentions: Mention[] = [];
  for (let i = 0; i < text.length; ) {
    let found: Mention | undefined;
    for (const len of index.lengthsByFirst.get(text.charCodeAt(i)) ?? []) {
      if (len < 2 || i + len > text.length) continue;
      const surface = text.slice(i, i + len);
      const places = index.names.get(surface);
      if (places) {
        found = { start: i, end: i + len, surface, places };
        break;
      }
    }
    if (found) mentions.push(found);
    i = found ? found.end : i + 1;
  }
  return mentions;
}
