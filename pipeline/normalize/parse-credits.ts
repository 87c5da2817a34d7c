import type { CreditRole } from "../../schemas/normalized-article.ts";
import { boilerplateRules } from "./boilerplate-rules.ts";

export interface ParsedCredit {
  role: CreditRole;
  name: string;
}

const { markers, labels } = boilerplateRules.credit;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
/** Longest marker first, so 本报记者 wins over 记者. */
const MARKER = new RegExp(
  [...markers]
    .sort((a, b) => b.marker.length - a.marker.length)
    .map((m) => escape(m.marker))
    .join("|"),
  "gu",
);
const LABEL = new RegExp(`^(?:${labels.map(escape).join("|")})\\s*`, "u");
const PERSON = /^\p{Script=Han}{2,4}$/u;
const SENTENCE_PUNCT = /[，。！？；,!?;]/;

/**
 * Reads a byline such as `本版文字 本报记者魏怡兰 李松权 通讯员白瑞强`, `编辑：任己章` or
 * `专题组稿：本报记者 何海华`; null when the text is not made of credits only. `prefix` allows that many
 * characters before the first marker (the paper's name in `惠州日报记者谢菁菁`).
 */
export function parseCredits(text: string, prefix = 0): ParsedCredit[] | null {
  const line = text.trim().replace(LABEL, "");
  if (line.length === 0 || SENTENCE_PUNCT.test(line)) return null;
  const found = [...line.matchAll(MARKER)];
  const first = found[0];
  if (!first || first.index > prefix) return null;
  const credits: ParsedCredit[] = [];
  let lent: CreditRole | null = null;
  for (const [k, match] of found.entries()) {
    const rule = markers.find((m) => m.marker === match[0])!;
    const end = found[k + 1]?.index ?? line.length;
    const value = line.slice(match.index + match[0].length, end).replace(/^[\s:：]+|\s+$/g, "");
    if (rule.whole) {
      // The rest of the line is one value, markers inside it included (作者：中共岳阳楼区委书记 陈阁辉).
      const whole = line.slice(match.index + match[0].length).replace(/^[\s:：]+|\s+$/g, "");
      if (!/^[\s]*[:：]/.test(line.slice(match.index + match[0].length)) || whole.length === 0) return null;
      credits.push({ role: rule.role, name: whole });
      return credits;
    }
    if (value.length === 0) {
      lent = rule.role;
      continue;
    }
    const names = value.split(/[\s、]+/u);
    if (!names.every((n) => PERSON.test(n))) return null;
    for (const name of names) {
      credits.push({ role: rule.role, name });
      if (lent) credits.push({ role: lent, name });
    }
  }
  return credits.length > 0 ? credits : null;
}
