# Runs the data dictionary's R snippet (read.csv) and jsonlite::fromJSON in a release folder; prints what R holds.
# args: a JSON file {"table": snippet}; stdout: {"table": {"csv": {"classes", "rows"}, "json": ...}}.
library(jsonlite)
snippets <- fromJSON(commandArgs(trailingOnly = TRUE)[1])
held <- function(df) {
  classes <- lapply(df, function(x) class(x)[1])
  for (name in names(df)) if (is.list(df[[name]])) {
    # strsplit(NA) is list(NA): a missing list, as jsonlite's NULL is.
    df[[name]] <- lapply(df[[name]], function(x) if (length(x) == 1 && is.na(x[1])) NULL else x)
  }
  list(classes = classes, rows = df)
}
out <- list()
for (table in names(snippets)) {
  scope <- new.env()
  eval(parse(text = snippets[[table]]), envir = scope)
  out[[table]] <- list(
    csv = held(get(table, envir = scope)),
    json = held(fromJSON(paste0(table, ".json")))
  )
}
cat(toJSON(out, dataframe = "rows", na = "null", null = "null", digits = NA, auto_unbox = FALSE, Date = "ISO8601"))
