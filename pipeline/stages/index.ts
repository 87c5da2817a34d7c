import type { Stage } from "../stage.ts";
import { extract } from "./extract.ts";
import { ingest } from "./ingest.ts";
import { normalize } from "./normalize.ts";
import { publish } from "./publish.ts";
import { validate } from "./validate.ts";

/** The stages in order; each reads the output of the one before. */
export const stages: readonly Stage[] = [ingest, normalize, extract, validate, publish];
