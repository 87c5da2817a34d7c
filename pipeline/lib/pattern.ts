import { z } from "zod";

/** A regular expression written as a string in a data file, compiled when the file is checked at load. */
export const pattern = (flags = "u") =>
  z.string().transform((source, ctx) => {
    try {
      return new RegExp(source, flags);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `bad pattern ${source}: ${(error as Error).message}` });
      return z.NEVER;
    }
  });
