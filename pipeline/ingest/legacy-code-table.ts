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
  const decoder = new TextDecoder(encoding, { fatal: true });
  const table: LegacyCodeTable = { decode: new Map(), encode: new Map() };
  for (const lead of LEADS[encoding]) {
    for (const trail of TRAILS[encoding]) {
      let ch: string;
      try {
        ch = decoder.decode(new Uint8Array([lead, trail]));
      } catch {
        continue;
      }
      // Big5 maps a few codes to a base letter plus a combining mark: one code, two characters.
      if ([...ch].length !== 1) continue;
      const code = (lead << 8) | trail;
      table.decode.set(code, ch);
      if (!table.encode.has(ch)) table.encode.set(ch, code);
    }
  }
  tables.set(encoding, table);
  return table;
}
