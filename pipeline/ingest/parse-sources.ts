import type { SourceRow } from "../../schemas/sources.ts";

/** What a provenance file says of one raw file. */
export type SourceListing = Omit<SourceRow, "article_id">;

const COMMIT = /\b[0-9a-f]{40}\b/u;
/** A GitHub repository as a link, or named after "GitHub repository". */
const REPOSITORY = /(?:\]\(https:\/\/github\.com\/|GitHub repository )([\w.-]+\/[\w.-]+?)[).,\s]/u;

/** The repository's licence as the paragraph states it: "(MIT licence, …)" or "has no licence file". */
function licenceIn(paragraph: string): string | null {
  const named = paragraph.match(/\(([A-Z][\w.-]*) licen[cs]e\b/u) ?? paragraph.match(/\b([A-Z][\w.-]*) licen[cs]e\b/u);
  if (named) return named[1]!;
  return /\bno licen[cs]e\b/u.test(paragraph) ? "none stated" : null;
}

const cellsOf = (line: string) => line.split("|").slice(1, -1).map((c) => c.trim());

/**
 * The raw files a SOURCES.*.md lists in its tables (a `file` column, a `source path @ commit` column, a sha256
 * column, the place with its code), each with the repository of the paragraph that links a repository and names
 * the row's commit, and that paragraph's licence. Pure: the markdown in, one listing per row out.
 */
export function parseSources(name: string, markdown: string): SourceListing[] {
  const paragraphs = markdown.split(/\n(?:\s*\n|(?=- ))/u);
  const lines = markdown.split("\n");
  const listings: SourceListing[] = [];
  let header: string[] | null = null;
  for (const line of lines) {
    if (!line.trimStart().startsWith("|")) {
      header = null;
      continue;
    }
    const cells = cellsOf(line);
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/u.test(c))) continue;
    const at = (test: (h: string) => boolean) => cells[header!.findIndex(test)] ?? "";
    const file = at((h) => h === "file").replace(/`/gu, "");
    if (!file.endsWith(".txt")) continue;
    const source = at((h) => h.startsWith("source path"));
    const commit = source.match(COMMIT)?.[0] ?? null;
    const paragraph = commit ? paragraphs.find((p) => p.includes(commit) && REPOSITORY.test(p)) : undefined;
    listings.push({
      source_file: file,
      listed_in: name,
      repository: paragraph ? `https://github.com/${paragraph.match(REPOSITORY)![1]}` : null,
      repository_path: source.match(/`([^`]+)`/u)?.[1] ?? null,
      commit,
      licence: paragraph ? licenceIn(paragraph) : null,
      sha256: at((h) => h === "sha256").match(/\b[0-9a-f]{64}\b/u)?.[0] ?? null,
      place_code: [...at((h) => h.startsWith("city") || h.startsWith("place")).matchAll(/\b(\d{6})\b/gu)].at(-1)?.[1] ?? null,
    });
  }
  return listings;
}
