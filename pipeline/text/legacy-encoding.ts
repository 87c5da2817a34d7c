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

/** GB18030 four-byte codes of the BMP: 0x81308130–0x8431A439, read from the decoder like the two-byte ones. */
const GB_FOUR_BYTE_LEADS = range(0x81, 0x84);
/** Supplementary planes are linear in GB18030 from 0x90308130 (four-byte index 189000). */
const GB_SUPPLEMENTARY_BASE = 189_000;

let gbFourByte: Map<number, Uint8Array> | undefined;
/** BMP characters GBK lacks, to their four-byte GB18030 sequences; built on first need (the pipeline never needs it). */
function fourByteTable(): Map<number, Uint8Array> {
  if (gbFourByte) return gbFourByte;
  const decoder = new TextDecoder("gb18030");
  gbFourByte = new Map();
  for (const b1 of GB_FOUR_BYTE_LEADS)
    for (let b2 = 0x30; b2 <= 0x39; b2++)
      for (let b3 = 0x81; b3 <= 0xfe; b3++)
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          const chars = [...decoder.decode(Uint8Array.of(b1, b2, b3, b4))];
          const cp = chars[0]?.codePointAt(0);
          if (chars.length === 1 && cp !== undefined && cp !== 0xfffd && !gbFourByte.has(cp)) gbFourByte.set(cp, Uint8Array.of(b1, b2, b3, b4));
        }
  return gbFourByte;
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
  /** Written instead of a character the encoding lacks, as a browser's "save as" does. */
  replacement?: "?";
}

/**
 * Encodes text as GB18030 or Big5 (Node's TextEncoder writes UTF-8 only), through the same code table the
 * decoder defines, so the bytes always decode back to the text. GB18030 encodes everything (four bytes for
 * what GBK lacks); Big5 lacks Simplified-only characters: null, unless a replacement is given.
 */
export function encodeLegacy(text: string, encoding: LegacyEncoding, { replacement }: EncodeOptions = {}): Uint8Array | null {
  const { encode } = legacyCodeTable(encoding);
  const out = new Uint8Array(text.length * 4);
  let length = 0;
  const put = (bytes: ArrayLike<number>) => {
    out.set(bytes, length);
    length += bytes.length;
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const code = cp < 0x80 ? cp : (encode.get(ch) ?? (replacement === undefined ? undefined : -1));
    if (code !== undefined && code >= 0) put(cp < 0x80 ? [cp] : [code >> 8, code & 0xff]);
    else if (encoding === "gb18030") put(cp > 0xffff ? gbSupplementary(cp) : (fourByteTable().get(cp) ?? [0x3f]));
    else if (code === -1) put([replacement!.charCodeAt(0)]);
    else return null;
  }
  return out.slice(0, length);
}
