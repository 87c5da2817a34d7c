import { afterAll } from "vitest";
import { cleanUpFile } from "./helpers.ts";

// Registered before each file's own hooks, so it runs after them (vitest runs after-hooks last-registered first):
// a browser a file closes in its afterAll is gone before its profile folder is removed.
afterAll(cleanUpFile);
