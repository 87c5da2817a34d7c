/**
 * The punctuation classes that divide Chinese text, declared once; each splitter composes the ones it needs.
 * Full-width forms first, then the ASCII forms copies carry.
 */
export const STOPS = "。！？!?";
export const COMMAS = "，,";
export const SEMICOLONS = "；;";
export const COLONS = "：:";
/** Closing marks that stay with the sentence they end: ”’」』）). */
export const CLOSERS = "”’」』）)";
export const OPEN_QUOTES = "“「『";
export const CLOSE_QUOTES = "”」』";

/** A character class of the given marks, for a regular expression. */
export const charClass = (...marks: string[]) => `[${marks.join("").replace(/[\]\\^-]/gu, "\\$&")}]`;

/** A test of one UTF-16 unit against the given marks, without a regular expression (splitters read every character). */
export function isOneOf(...marks: string[]): (code: number) => boolean {
  const codes = new Set([...marks.join("")].map((c) => c.charCodeAt(0)));
  return (code) => codes.has(code);
}
