# Two commands for users: `make publish` and `make test`. Everything else is a stage or a helper.
RAW ?= raw
BUILD ?= build
DIST ?= dist

CLI := node --import tsx pipeline/cli.ts
# Read when a target needs it: the version dataset.json names, whose release make verify checks.
VERSION = $(shell node -p "require('./dataset.json').version")
ARGS = --raw "$(RAW)" --build "$(BUILD)" --out "$(DIST)"
DEPS := node_modules/.install-stamp
PORT ?= 8765

.PHONY: all install ingest normalize extract validate publish verify test typecheck vitest clean help eval bench explore

all: publish

# The command line's help, then the make targets that are not stages.
help:
	@$(CLI) --help
	@printf '\nmake targets besides the stages: publish, verify (the current version in DIST), test, eval, bench, clean\n'

# Installs exactly what the lockfile pins, once; reinstalls when the lockfile changes.
$(DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

install: $(DEPS)

ingest: $(DEPS)
	$(CLI) ingest $(ARGS)

normalize: ingest
	$(CLI) normalize $(ARGS)

extract: normalize
	$(CLI) extract $(ARGS)

validate: extract
	$(CLI) validate $(ARGS)

publish: validate
	$(CLI) publish $(ARGS)

# Checks the current version's release in $(DIST) as a user would: checksums, its own Table Schemas, keys, formats alike.
verify: $(DEPS)
	$(CLI) verify "$(DIST)/v$(VERSION)"

# TypeScript 7, the native compiler. Incremental: a second run reads what the first found in $(BUILD) and checks only
# what changed since (measured 3.2 s cold, 1.0 s warm, including make and npx). `make clean` forgets it.
typecheck: $(DEPS)
	npx tsc --noEmit --incremental --tsBuildInfoFile $(BUILD)/tsconfig.tsbuildinfo

# The typecheck (2 to 3 s cold) runs beside the suite rather than before it; either failing fails the target.
test: $(DEPS)
	@$(MAKE) --no-print-directory -j2 typecheck vitest

# The suite's temporary folders go to memory (/dev/shm) when it has 1 GiB free: they peak near 140 MB, and on disk
# their writes, copies and hashes cost a few seconds of a run. A TMPDIR the caller sets wins.
TEST_TMPDIR = $(shell [ -w /dev/shm ] && [ "$$(df -Pk /dev/shm | awk 'NR == 2 { print $$4 }')" -gt 1048576 ] && echo /dev/shm)

# Vitest's JSON report lets .ci/run count passed and failed tests from vitest's own results.
vitest: $(DEPS)
	$(if $(TEST_TMPDIR),TMPDIR="$${TMPDIR:-$(TEST_TMPDIR)}") npx vitest run --reporter=default --reporter=json --outputFile.json=$(BUILD)/test-results.json

clean:
	rm -rf "$(BUILD)"

# Scores the build against tests/gold/: targets of the five articles (P/R/F1, per field), then the structure gold of the corpus.
eval: extract
	$(CLI:cli.ts=eval.ts) --build "$(BUILD)"

# Corpus-size benchmark: writes bench/results.md (numbers come from here, never from tests).
bench: $(DEPS)
	node --import tsx pipeline/bench/run-bench.ts

# The current release's explorer page (dist/v<version>/site/, written by publish), served on 127.0.0.1:$(PORT).
explore: publish
	node --import tsx pipeline/site/explore.ts --dist "$(DIST)" --port "$(PORT)"
