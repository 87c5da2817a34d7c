import type { Span } from "../locate-quantities.ts";

/** The sentence around its quantity, cut at code points (the release's offset unit), not UTF-16 units. */
export function splitQuantity(sentence: string, span: Span | null): [before: string, quantity: string, after: string] {
  if (span === null) return [sentence, "", ""];
  const chars = Array.from(sentence);
  return [chars.slice(0, span[0]).join(""), chars.slice(span[0], span[1]).join(""), chars.slice(span[1]).join("")];
}
