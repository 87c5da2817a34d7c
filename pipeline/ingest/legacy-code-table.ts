export type LegacyEncoding = "gb18030" | "big5";

export interface LegacyCodeTable {
  /** Two-byte code (lead << 8 | trail) to the character it decodes to. */
  decode: Map<number, string>;
  /** Character to its two-byte code; the first code wins where several decode to one character. */
  encode: Map<string, number>;
}

/**
 * Lead bytes in order of preference: standard Big5 (0xA1…) before the HKSCS extension rows (0x81…0xA0),
 * so encoding picks the code a Big5 reader expects.
 */
const LEADS: Record<LegacyEncoding, number[]> = {
  gb18030: range(0x81, 0xfe),
  big5: [...range(0xa1, 0xfe), ...range(0x81, 0xa0)],
};
const TRAILS: Record<LegacyEncoding, number[]> = {
  gb18030: range(0x40, 0xfe).filter((b) => b !== 0x7f),
  big5: [...range(0x40, 0x7e), ...range(0xa1, 0xfe)],
};

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const tables = new Map<LegacyEncoding, LegacyCodeTable>();

/**
 * The two-byte code space of a legacy Chinese encoding, read from the platform's own TextDecoder so encoder
 * and decoder can never disagree. GB18030's four-byte sequences are left out: they hold no character a
 * GBK-era web page can contain.
 */
export function legacyCodeTable(encoding: LegacyEncoding): LegacyCodeTable {
  const cached = tables.get(encoding);
  if (cached) return cached;
  const codes = LEADS[encoding].flatMap((lead) => TRAILS[encoding].map((trail) => (lead << 8) | trail));
  // One decode of every code, each followed by a line feed, instead of one decoder call per code: a code
  // that is no character comes out as U+FFFD (with its trail byte when that is ASCII), never as a line feed.
  const bytes = new Uint8Array(codes.length * 3);
  codes.forEach((code, k) => bytes.set([code >> 8, code & 0xff, 0x0a], k * 3));
  const decoded = new TextDecoder(encoding).decode(bytes).split("\n");
  if (decoded.length !== codes.length + 1) throw new Error(`${encoding}: the code table did not decode one line per code`);
  const table: LegacyCodeTable = { decode: new Map(), encode: new Map() };
  codes.forEach((code, k) => {
    const ch = decoded[k]!;
    // Big5 maps a few codes to a base letter plus a combining mark: one code, two characters.
    if (ch.includes("\ufffd") || [...ch].length !== 1) return;
    table.decode.set(code, ch);
    if (!table.encode.has(ch)) table.encode.set(ch, code);
  });
  tables.set(encoding, table);
  return table;
}
