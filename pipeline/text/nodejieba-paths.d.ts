import "nodejieba";

// index.js exports the paths of the bundled dictionaries; the package's own types leave them out.
declare module "nodejieba" {
  export const DEFAULT_DICT: string;
  export const DEFAULT_USER_DICT: string;
}
