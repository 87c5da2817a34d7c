/** Views of the release's database: the joins a reader would otherwise write first. */
export interface View {
  name: string;
  description: string;
  select: string;
}

export const views: readonly View[] = [
  {
    name: "headline_targets_named",
    description: "headline_targets with the place's name, city and province and the indicator's English label.",
    select: `SELECT h.district_id, d.name AS place_name, d.city, d.province, h.year, h.indicator, i.label_en AS indicator_label,
  h.unit, h.value, h.value_high, h.comparator, h.direction, h.metric, h.target_id, h.article_id
FROM headline_targets h
JOIN districts d ON d.district_id = h.district_id
JOIN indicators i ON i.indicator = h.indicator`,
  },
  {
    name: "targets_with_evidence",
    description: "targets with the source file and report year of their article and the evidence sentence and offsets.",
    select: `SELECT t.target_id, t.article_id, a.source_file, a.report_year, t.district_id, t.kind, t.metric, t.indicator,
  t.value, t.value_high, t.unit, t.comparator, t.direction, t.year, t.headline,
  t.sentence, t.char_start, t.char_end, t.raw_char_start, t.raw_char_end
FROM targets t
JOIN articles a ON a.article_id = t.article_id`,
  },
  {
    name: "outcomes_named",
    description: "target_outcomes with the place's name, city and province and the indicator's English label.",
    select: `SELECT o.target_id, o.district_id, d.name AS place_name, d.city, d.province, o.indicator, i.label_en AS indicator_label,
  o.unit, o.year, o.target_value, o.target_value_high, o.comparator, o.outcome_value, o.met, o.gap,
  o.target_report_year, o.outcome_report_year, o.outcome_target_id
FROM target_outcomes o
JOIN districts d ON d.district_id = o.district_id
JOIN indicators i ON i.indicator = o.indicator`,
  },
];
