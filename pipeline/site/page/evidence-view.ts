import type { PlaceShard, PlaceTarget } from "../place-shard.ts";
import { h } from "./dom.ts";
import { formatValue } from "./format.ts";
import { splitQuantity } from "./split-quantity.ts";

/** A target's evidence: its sentence with the quantity marked, and where it comes from. */
export function evidence(target: PlaceTarget, shard: PlaceShard, placeName: string): HTMLElement[] {
  const sentence = shard.sentences[target.sentence] ?? "";
  const [before, quantity, after] = splitQuantity(sentence, target.quantity);
  const article = shard.articles.find((a) => a.article_id === target.article_id);
  const source = article?.title ? `《${article.title}》` : `article ${target.article_id}`;
  return [
    h("p", { class: "what" }, `${placeName} · ${target.metric} · ${formatValue(target.value, target.value_high)} ${target.measure_word} · ${target.kind}${target.year === null ? "" : ` for ${target.year}`}`),
    h("blockquote", { class: "sentence", lang: "zh" }, before, quantity ? h("mark", {}, quantity) : null, after),
    h(
      "p",
      { class: "source" },
      `${source}${article?.report_year ? `, report of ${article.report_year}` : ""}; quantity at characters ${target.char_start}–${target.char_end} of the normalized article` +
        (target.quantity ? "" : " (not found again in the sentence, so not marked)") +
        `; target ${target.target_id}.`,
    ),
  ];
}
