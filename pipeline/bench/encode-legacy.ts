export type LegacyEncoding = "gb18030" | "big5";

/** Two-byte trail ranges per encoding (WHATWG Encoding Standard). */
const TRAILS: Record<LegacyEncoding, Array<[number, number]>> = {
  gb18030: [
    [0x40, 0x7e],
    [0x80, 0xfe],
  ],
  big5: [
    [0x40, 0x7e],
    [0xa1, 0xfe],
  ],
};
/** Big5 proper (lead 0xA1–0xFE) before the HKSCS extension (0x81–0xA0), so common characters get their usual codes. */
const LEADS: Record<LegacyEncoding, number[]> = {
  gb18030: range(0x81, 0xfe),
  big5: [...range(0xa1, 0xfe), ...range(0x81, 0xa0)],
};
/** GB18030 four-byte codes of the BMP: 0x81308130–0x8431A439. */
const GB_FOUR_BYTE_BMP_LEADS = range(0x81, 0x84);
/** Supplementary planes are linear in GB18030 from 0x90308130 (four-byte index 189000). */
const GB_SUPPLEMENTARY_BASE = 189_000;

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const tables = new Map<LegacyEncoding, Map<number, Uint8Array>>();

/** The reverse of the platform decoder: every byte sequence the decoder maps to a single code point, first one wins. */
function buildTable(encoding: LegacyEncoding): Map<number, Uint8Array> {
  const decoder = new TextDecoder(encoding);
  const table = new Map<number, Uint8Array>();
  const add = (bytes: Uint8Array) => {
    const chars = [...decoder.decode(bytes)];
    const cp = chars[0]?.codePointAt(0);
    if (chars.length === 1 && cp !== undefined && cp !== 0xfffd && !table.has(cp)) table.set(cp, bytes);
  };
  for (let b = 0; b < 0x80; b++) add(Uint8Array.of(b));
  for (const lead of LEADS[encoding]) {
    for (const [from, to] of TRAILS[encoding]) for (let trail = from; trail <= to; trail++) add(Uint8Array.of(lead, trail));
  }
  if (encoding === "gb18030") {
    for (const b1 of GB_FOUR_BYTE_BMP_LEADS)
      for (let b2 = 0x30; b2 <= 0x39; b2++)
        for (let b3 = 0x81; b3 <= 0xfe; b3++) for (let b4 = 0x30; b4 <= 0x39; b4++) add(Uint8Array.of(b1, b2, b3, b4));
  }
  return table;
}

function gbSupplementary(cp: number): Uint8Array {
  let index = GB_SUPPLEMENTARY_BASE + cp - 0x10000;
  const b4 = 0x30 + (index % 10);
  index = Math.floor(index / 10);
  const b3 = 0x81 + (index % 126);
  index = Math.floor(index / 126);
  const b2 = 0x30 + (index % 10);
  return Uint8Array.of(0x81 + Math.floor(index / 10), b2, b3, b4);
}

export interface EncodeOptions {
  /** Written instead of a character the encoding lacks, as a browser's "save as" does; without it, such a character throws. */
  replacement?: "?";
}

/**
 * Encodes text as GB18030 or Big5 (Node's TextEncoder writes UTF-8 only). The table is built once per
 * process by decoding the whole code space with the platform's TextDecoder, so the bytes always decode back
 * to the same text. Big5 lacks Simplified-only characters and pinyin letters; GB18030 encodes everything.
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding, { replacement }: EncodeOptions = {}): Uint8Array {
  let table = tables.get(encoding);
  if (!table) tables.set(encoding, (table = buildTable(encoding)));
  const out = new Uint8Array(text.length * 4);
  let length = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const bytes =
      table.get(cp) ??
      (encoding === "gb18030" && cp > 0xffff ? gbSupplementary(cp) : undefined) ??
      (replacement === undefined ? undefined : table.get(replacement.codePointAt(0)!));
    if (!bytes) throw new Error(`${encoding} cannot encode ${JSON.stringify(ch)} (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`);
    out.set(bytes, length);
    length += bytes.length;
  }
  return out.slice(0, length);
}
