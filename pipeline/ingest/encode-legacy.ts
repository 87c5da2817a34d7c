import { legacyCodeTable, type LegacyEncoding } from "./legacy-code-table.ts";

/** Encodes text as GB18030 (its GBK part) or Big5; null when a character has no code there. */
export function encodeLegacy(text: string, encoding: LegacyEncoding): Uint8Array | null {
  const { encode } = legacyCodeTable(encoding);
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = encode.get(ch);
    if (code === undefined) return null;
    out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}
