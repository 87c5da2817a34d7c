import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { atPath, IoError } from "./io-error.ts";

/** What a lock file says of the run holding it; the token tells two threads of one process apart. */
const Holder = z.object({ pid: z.number().int(), host: z.string(), command: z.string(), since: z.string(), token: z.string() });
type Holder = z.infer<typeof Holder>;

const parseHolder = (text: string | null): Holder | null => {
  try {
    return text === null ? null : (Holder.safeParse(JSON.parse(text)).data ?? null);
  } catch {
    return null;
  }
};
const readHolder = async (path: string) => parseHolder(await readFile(path, "utf8").catch(() => null));

/** Whether the holder's process is gone: only a process of this machine can be asked. */
function gone({ pid, host }: Holder): boolean {
  if (host !== hostname()) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Removes a lock whose holder is gone. It is renamed aside first and read again, so of two runs that found the
 * same stale lock only one removes it; a run that renamed a lock taken since then puts it back.
 */
async function breakLock(path: string, stale: Holder, aside: string): Promise<void> {
  if (!(await rename(path, aside).then(() => true, () => false))) return;
  if ((await readHolder(aside))?.token !== stale.token) await link(aside, path).catch(() => {});
  await rm(aside, { force: true });
}

/**
 * Runs `work` holding `<dir>/.<name>.lock`, so no two runs write one folder at once. The lock file appears whole
 * (written aside, then hard-linked into place, which fails if it exists) and names the holder's pid: a second
 * run waits for a live holder, saying which, and at once takes over from one that is gone (kill -9, a crash).
 */
export async function lockFolder<T>(dir: string, name: string, log: (message: string) => void, work: () => Promise<T>): Promise<T> {
  const path = join(dir, `.${name}.lock`);
  const me: Holder = { pid: process.pid, host: hostname(), command: process.argv.slice(1).join(" "), since: new Date().toISOString(), token: randomUUID() };
  const mine = `${path}.${me.token}`;
  await atPath("creating", dir, () => mkdir(dir, { recursive: true }));
  await atPath("writing", mine, () => writeFile(mine, JSON.stringify(me)));
  try {
    let told = false;
    for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
      const taken = await atPath("locking", path, () => link(mine, path)).then(
        () => true,
        (error: unknown) => (error instanceof IoError && error.code === "EEXIST" ? false : Promise.reject(error)),
      );
      if (taken) break;
      const text = await readFile(path, "utf8").catch(() => null);
      // Released between the two calls: try again at once.
      if (text === null) continue;
      const holder = parseHolder(text);
      if (holder && gone(holder)) {
        log(`${dir}: taking over the ${name} lock of pid ${holder.pid} (${holder.command}), which is no longer running`);
        await breakLock(path, holder, `${mine}.stale`);
        continue;
      }
      if (!told) {
        const who = holder ? `pid ${holder.pid} on ${holder.host} since ${holder.since} (${holder.command})` : "a lock file it cannot read";
        log(`${dir} is locked by ${who}: waiting for it to finish (if no such run is going on, remove ${path})`);
        told = true;
      }
      await sleep(wait);
    }
  } finally {
    await rm(mine, { force: true });
  }
  try {
    return await work();
  } finally {
    if ((await readHolder(path))?.token === me.token) await rm(path, { force: true });
  }
}
