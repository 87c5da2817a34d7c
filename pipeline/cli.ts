import { describeVersion } from "./describe-version.ts";
import { PipelineError, UsageError } from "./lib/pipeline-error.ts";
import { parseCommand, usage } from "./parse-command.ts";
import { runStages } from "./stages/run-stages.ts";

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv);
  switch (command.kind) {
    case "help":
      process.stdout.write(usage);
      return 0;
    case "version":
      process.stdout.write(describeVersion());
      return 0;
    case "stage":
      await runStages(command.stage, { dirs: command.dirs, jobs: command.jobs, shard: command.shard });
      return 0;
    case "merge":
      await runStages("all", { dirs: command.dirs, jobs: command.jobs, shardBuilds: command.shardBuilds });
      return 0;
    case "verify": {
      // Imported when asked for, so --help and the stages do not load the readers.
      const [{ verifyRelease }, { describeVerification }] = await Promise.all([import("./commands/verify-release.ts"), import("./commands/describe-verification.ts")]);
      const verification = await verifyRelease(command.release);
      process.stdout.write(describeVerification(verification));
      return verification.problems.length > 0 ? 1 : 0;
    }
    case "diff": {
      const { diffReleases } = await import("./commands/diff-releases.ts");
      process.stdout.write(await diffReleases(command.before, command.after));
      return 0;
    }
    case "list": {
      const { listReleases } = await import("./publish/list-releases.ts");
      process.stdout.write(await listReleases(command.dist));
      return 0;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message} (--help shows the commands)\n`);
      process.exit(2);
    }
    process.stderr.write(error instanceof PipelineError ? `error: ${error.message}\n` : `${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
