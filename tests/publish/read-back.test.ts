import { join } from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { column, defineTable, isoDay, listItem, listOf } from "../../schemas/column.ts";
import { TableSchema } from "../../schemas/datapackage.ts";
import { datapackage } from "../../pipeline/publish/datapackage.ts";
import { readDatasetInfo } from "../../pipeline/publish/dataset-info.ts";
import { tableFormats } from "../../pipeline/publish/formats.ts";
import { writeTable } from "../../pipeline/publish/write-table.ts";
import { inMemoryRows, tempDir } from "../helpers.ts";

const cells = defineTable({
  name: "cells",
  title: "Cells",
  description: "Values each format must give back as written.",
  schema: z.object({
    id: column(z.string().min(1), { description: "Key." }),
    text: column(z.string().min(1).nullable(), { description: "Text, some of it a spreadsheet formula." }),
    tags: column(listOf(listItem()).nullable(), { description: "A list." }),
    count: column(z.number().int().nullable(), { description: "An integer." }),
    share: column(z.number().nullable(), { description: "A number." }),
    flag: column(z.boolean().nullable(), { description: "A boolean." }),
    day: column(isoDay().nullable(), { description: "A date." }),
  }),
  primaryKey: ["id"],
  foreignKeys: [],
});

const rows = [
  { id: "a", text: "=SUM(A1:A9)", tags: ["x", "y z"], count: -3, share: 0.25, flag: true, day: "2024-02-29" },
  { id: "b", text: "-3 km", tags: ["@x"], count: 0, share: -1.5e-7, flag: false, day: null },
  // Not a formula, so written as it is: the reader must not take its ' for the writer's.
  { id: "c", text: "'=kept", tags: null, count: null, share: null, flag: null, day: "1999-12-31" },
  { id: "d", text: null, tags: ["+1", "\t"], count: 2 ** 40, share: 3, flag: true, day: null },
];

describe("each format reads back what it wrote", () => {
  it.each(tableFormats.map((f) => f.name))("%s: lists, nulls, defused formulae, numbers, booleans and dates", async (format) => {
    const dir = await tempDir("read-back-");
    const written = await writeTable(dir, cells, inMemoryRows({ cells: rows }), { meta: {}, createdBy: "test" });
    const facts = new Map(written.files.map((f) => [f.path, f]));
    // The table's values typed as its JSON resource types them, as verify and diff read every format.
    const json = datapackage(readDatasetInfo(), [written], facts).resources.find((r) => r.format === "json");
    const schema = TableSchema.parse(json && "schema" in json ? json.schema : null);
    const read = [];
    for await (const row of tableFormats.find((f) => f.name === format)!.read(join(dir, `cells.${format}`), schema)) read.push(row);
    expect(read).toEqual(rows);
  });
});
