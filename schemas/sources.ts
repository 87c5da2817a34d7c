import { z } from "zod";
import { column, defineTable, hexId, placeCode } from "./column.ts";

export const SourceRow = z.object({
  article_id: column(hexId(16), { description: "The article." }),
  source_file: column(z.string().min(1), { description: "Its raw file." }),
  listed_in: column(z.string().min(1).nullable(), {
    description: "The provenance file beside the raw articles (SOURCES.*.md) that lists the raw file; null when none does.",
  }),
  repository: column(z.url().nullable(), { description: "The repository the text was copied from, as the provenance file links it." }),
  repository_path: column(z.string().min(1).nullable(), { description: "The file inside that repository." }),
  commit: column(z.string().regex(/^[0-9a-f]{40}$/).nullable(), { description: "The repository commit the copy was taken at." }),
  licence: column(z.string().min(1).nullable(), {
    description: "The repository's licence as the provenance file states it (MIT), or that it states none; it licenses the copy, not the text.",
  }),
  sha256: column(hexId(64).nullable(), { description: "SHA-256 of the raw file as the provenance file lists it: always the article's own (checked)." }),
  place_code: column(placeCode().nullable(), { description: "The GB/T 2260 code the provenance file gives the text's place, to compare with articles.district_id." }),
});
export type SourceRow = z.infer<typeof SourceRow>;

export const sourcesTable = defineTable({
  name: "sources",
  title: "Sources",
  description: "Where each article's text comes from: the repository, path and commit its copy was taken from and the licence stated there, from the SOURCES.*.md files beside the raw articles. Retrieval dates and publishers are not recorded there, so they are not given.",
  schema: SourceRow,
  primaryKey: ["article_id"],
  foreignKeys: [
    { fields: ["article_id", "source_file"], reference: { resource: "articles", fields: ["article_id", "source_file"] } },
    // The listed hash is the article's own: a listing of other bytes fails validation.
    { fields: ["article_id", "sha256"], reference: { resource: "articles", fields: ["article_id", "sha256"] } },
  ],
});
