import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultDirs, projectRoot } from "../../pipeline/lib/paths.ts";
import { UsageError } from "../../pipeline/lib/pipeline-error.ts";
import { parseCommand } from "../../pipeline/parse-command.ts";

const release = join(projectRoot, "dist", "v0.1.0");

/** The one line a wrong command line gets. */
const refusal = (argv: string[]) => {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
};

describe("the command line", () => {
  it("reads stages, release commands, --help and --version", () => {
    expect(parseCommand(["all", "--jobs", "2", "--raw", "r"])).toMatchObject({ kind: "stage", stage: "all", jobs: 2, dirs: { raw: join(process.cwd(), "r"), dist: defaultDirs.dist } });
    expect(parseCommand(["publish", "--jobs=3"])).toMatchObject({ kind: "stage", stage: "publish", jobs: 3 });
    expect(parseCommand(["verify", release])).toEqual({ kind: "verify", release });
    expect(parseCommand(["verify", join(projectRoot, "dist", "china-district-plans-v0.1.0.tar.gz")])).toMatchObject({ kind: "verify" });
    expect(parseCommand(["diff", release, join(projectRoot, "dist", "v0.2.0")])).toMatchObject({ kind: "diff", before: release });
    expect(parseCommand(["list"])).toEqual({ kind: "list", dist: defaultDirs.dist });
    expect(parseCommand(["--version"])).toEqual({ kind: "version" });
    expect(parseCommand(["verify", "-h"])).toEqual({ kind: "help" });
  });

  it.each([
    [[], "no command: name a stage, all, verify, diff or list"],
    [["nope"], "unknown command or stage: nope"],
    [["all", "--jobs", "-1"], "--jobs must be a positive integer, got -1"],
    [["all", "--jobs", "x"], "--jobs must be a positive integer, got x"],
    [["all", "--jobs", "0"], "--jobs must be a positive integer, got 0"],
    [["all", "--jobs", "1.5"], "--jobs must be a positive integer, got 1.5"],
    [["all", "--raw"], "--raw needs a value: --raw DIR"],
    [["all", "--raw", "--jobs", "2"], "--raw needs a value: --raw DIR"],
    [["all", "--colour"], "unknown option --colour"],
    [["all", "-x"], "unknown option -x"],
    [["all", "--help=yes"], "--help takes no value"],
    [["all", "extra"], "unexpected argument extra: all takes only options"],
    [["verify"], "verify needs <release folder or .tar.gz>"],
    [["verify", release, release], `unexpected argument ${release}: verify takes <release folder or .tar.gz>`],
    [["verify", "no/such/v9"], "verify: no release folder or archive at no/such/v9"],
    [["verify", projectRoot], `verify: ${projectRoot} is no release folder or archive (no datapackage.json)`],
    [["verify", release, "--jobs", "2"], "verify takes no option --jobs"],
    [["diff", release], "diff needs <old release folder> <new release folder>"],
    [["diff", release, "no/such/v9"], "diff: no release folder at no/such/v9"],
    [["list", "no/such/dist"], "list: no releases.json in no/such/dist"],
  ])("%j: %s", (argv, message) => {
    expect(refusal(argv)).toBe(message);
  });

  it("prints one line and exits with 2 on a bad argument, with no stack trace", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "pipeline", "cli.ts"), "all", "--jobs", "-1"], { cwd: projectRoot, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("error: --jobs must be a positive integer, got -1 (--help shows the commands)\n");
    expect(run.stdout).toBe("");
  });
});
