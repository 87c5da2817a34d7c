/** Converts a UTF-16 index into a code-point index, the offset unit of the published tables. */
export function codePointIndex(text: string, utf16Index: number): number {
  let surrogates = 0;
  for (let i = 0; i < utf16Index; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) surrogates++;
  }
  return utf16Index - surrogates;
}
