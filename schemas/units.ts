import { z } from "zod";
import data from "./units.json" with { type: "json" };

/** units.json: the one list of unit codes, their meaning, traits and the words that write them. */
const Units = z.object({
  units: z
    .array(
      z.object({
        code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
        description: z.string().min(1),
        traits: z.object({ money: z.boolean().optional(), named_before: z.boolean().optional() }).optional(),
        words: z.array(z.object({ word: z.string().min(1), factor: z.number().positive().optional() })),
      }),
    )
    .min(1),
});

export const units = Units.parse(data).units;
const [first, ...rest] = units.map((u) => u.code);
export const UnitCode = z.enum([first!, ...rest]);
export type UnitCode = z.infer<typeof UnitCode>;

/** Codes whose units have a trait, e.g. money (scale words belong to its measure word). */
export const unitsWith = (trait: "money" | "named_before"): ReadonlySet<UnitCode> => new Set(units.filter((u) => u.traits?.[trait]).map((u) => u.code));
