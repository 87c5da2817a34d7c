import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TargetRow } from "../../schemas/targets.ts";
import { projectRoot } from "../../pipeline/lib/paths.ts";
import { locateQuantities } from "../../pipeline/site/locate-quantities.ts";
import { findQuantities } from "../../pipeline/targets/find-quantities.ts";

const row = (char_start: number, char_end: number, value: number, measure_word: string) => ({ char_start, char_end, value, value_high: null, measure_word });

describe("a target's quantity found again in its sentence", () => {
  it("takes the quantity of the row's length and value, then its measure word", () => {
    const sentence = "深入实施“独角兽10条”，净增独角兽和潜在独角兽企业10家。";
    expect(locateQuantities(sentence, [row(9322, 9325, 10, "家")])).toEqual([[26, 29]]);
  });

  it("settles a quantity written twice by the start its sentence's other rows imply", () => {
    const sentence = "新增学位1000个，其中公办学位1000个，投资5亿元。";
    // The second 1000个 (code points 16-21) is the row's: the 5亿元 row puts the sentence at 100.
    expect(locateQuantities(sentence, [row(116, 121, 1000, "个"), row(124, 127, 500000000, "亿元")])).toEqual([[16, 21], [24, 27]]);
  });

  it("finds every v0.4.0 target's quantity: one the parser finds in the sentence, of the row's length and value", async () => {
    const targets: TargetRow[] = JSON.parse(await readFile(join(projectRoot, "dist", "v0.4.0", "targets.json"), "utf8"));
    const missing = targets.filter((t) => {
      const [span] = locateQuantities(t.sentence, [t]);
      // A bare 百万 or an index's 103 is a quantity only in its sentence, so the span is checked there.
      const quantities = findQuantities(t.sentence).map((q) => [[...t.sentence.slice(0, q.start)].length, [...q.text].length, q.value]);
      return !span || span[1] - span[0] !== t.char_end - t.char_start || !quantities.some(([start, length, value]) => start === span[0] && length === span[1] - span[0] && value === t.value);
    });
    expect(missing.map((t) => t.target_id)).toEqual([]);
  });
});
