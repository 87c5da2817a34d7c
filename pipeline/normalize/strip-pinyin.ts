import { replaceAll, type MappedText } from "../text/mapped-text.ts";

const TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ";
/**
 * A pinyin gloss glued after a Han character: `實(shí)`. It needs a tone-marked vowel, so real
 * parentheses such as (扩大), (R&D) or (App) are never taken for one.
 */
// The Han test is a lookbehind after the bracket, not before it, so the engine can skip ahead to each `(`.
const PINYIN_GLOSS = new RegExp(`\\((?<=\\p{Script=Han}\\()(?=[a-zü${TONED}]*[${TONED}])[a-zü${TONED}]{1,7}\\)`, "gu");

/** Removes every gloss and counts them; the map keeps the raw positions of what remains. */
export function stripPinyin(input: MappedText): { text: MappedText; removed: number } {
  let removed = 0;
  const text = replaceAll(input, PINYIN_GLOSS, () => {
    removed++;
    return "";
  });
  return { text, removed };
}
