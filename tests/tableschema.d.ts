// tableschema 1.12 (Frictionless' JS library) ships no types: the part the reader tests use.
declare module "tableschema" {
  export class Table {
    static load(source: string, options: { schema: object }): Promise<Table>;
    read(options: { forceCast: true; cast: true }): Promise<unknown[]>;
  }
}
