import { LIST_DELIMITER } from "../../schemas/column.ts";
import { fitsInt32, type Column } from "./describe-columns.ts";

/**
 * How to read a table's CSV with its own types, where readers would otherwise guess: codes such as district_id
 * would become numbers (and 441300-Z01 break the join), a nullable year a float in pandas, "NA" a missing value.
 * Generated from the schema, so the dtypes are the published ones.
 */
export function loadSnippets(table: string, columns: readonly Column[]): { pandas: string; pandasJson: string; r: string; duckdb: string } {
  const pandasType = (c: Column) => ({ string: "string", date: "string", list: "string", integer: "Int64", number: "float64", boolean: "boolean" })[c.type];
  const rType = (c: Column) =>
    ({ string: "character", date: "Date", list: "character", integer: fitsInt32(c) ? "integer" : "numeric", number: "numeric", boolean: "logical" })[c.type];
  const duckType = (c: Column) =>
    ({ string: "VARCHAR", date: "DATE", list: "VARCHAR", integer: "BIGINT", number: "DOUBLE", boolean: "BOOLEAN" })[c.type];
  const lists = columns.filter((c) => c.type === "list");
  const dates = columns.filter((c) => c.type === "date");
  const pandas = [
    `${table} = pd.read_csv("${table}.csv", keep_default_na=False, na_values=[""],`,
    `    dtype={${columns.map((c) => `"${c.name}": "${pandasType(c)}"`).join(", ")}}${dates.length > 0 ? `,\n    parse_dates=[${dates.map((c) => `"${c.name}"`).join(", ")}]` : ""})`,
    ...lists.map((c) => `${table}["${c.name}"] = ${table}["${c.name}"].str.split("${LIST_DELIMITER}")`),
  ].join("\n");
  // JSON keeps lists as lists and strings as strings; pandas would still guess numbers and dates without dtypes.
  const scalars = columns.filter((c) => c.type !== "list");
  const pandasJson = `${table} = pd.read_json("${table}.json", convert_dates=False,\n    dtype={${scalars.map((c) => `"${c.name}": "${pandasType(c)}"`).join(", ")}})`;
  const r = [
    `${table} <- read.csv("${table}.csv", na.strings = "", encoding = "UTF-8",`,
    `  colClasses = c(${columns.map((c) => `${c.name} = "${rType(c)}"`).join(", ")}))`,
    ...lists.map((c) => `${table}$${c.name} <- strsplit(${table}$${c.name}, "${LIST_DELIMITER}", fixed = TRUE)`),
  ].join("\n");
  const duckdb = `SELECT * FROM read_csv('${table}.csv', header = true, columns = {${columns.map((c) => `'${c.name}': '${duckType(c)}'`).join(", ")}});`;
  return { pandas, pandasJson, r, duckdb };
}
