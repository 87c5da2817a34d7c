export interface ProgressOptions {
  label: string;
  /** Items expected, when known: adds a bar, a percentage and the time left. */
  total?: number;
  stream?: NodeJS.WriteStream | { isTTY?: boolean; write(text: string): unknown };
  /** Without a terminal, a log line every this many items… */
  everyItems?: number;
  /** …or after this many milliseconds, whichever comes first. */
  everyMs?: number;
  now?: () => number;
}

export interface Progress {
  tick(items?: number): void;
  /** Items done without work (cache hits): counted, but left out of the rate that estimates the time left. */
  skip(items?: number): void;
  /** Writes the final count and rate; on a terminal it also ends the bar's line. */
  done(): void;
  /** Stops the idle timer without a final line (the run failed, and its error says why); after done(), nothing. */
  stop(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/** How often a terminal's bar is redrawn while no item finishes, so its clock shows the run is alive. */
const IDLE_REDRAW_MS = 1000;

/** Seconds as a person reads them: 4.2 s, 3 min 05 s, 2 h 07 min. */
function duration(seconds: number): string {
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/**
 * Reports progress on stderr: a redrawn bar with count, rate and time left on a terminal, plain lines every
 * `everyItems` items or `everyMs` ms otherwise (CI logs stay short and readable). Ours rather than
 * cli-progress: lines depend on items and an injected clock, so logs and tests are deterministic. A timer only asks
 * again while no item finishes, so a slow article in a worker does not silence the run (one computing in this
 * thread blocks the timer too).
 */
export function startProgress({
  label,
  total,
  stream = process.stderr,
  everyItems = 1000,
  everyMs = 10_000,
  now = () => performance.now(),
}: ProgressOptions): Progress {
  const tty = stream.isTTY === true;
  const started = now();
  let count = 0;
  let skipped = 0;
  let lastWrite = started;
  let lastLoggedCount = 0;

  const describe = () => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? `${(count / seconds).toFixed(1)}/s` : "-/s";
    const of = total === undefined ? `${count}` : `${count}/${total} (${Math.floor((100 * count) / Math.max(total, 1))}%)`;
    const bar = total === undefined || !tty ? "" : `[${"#".repeat(Math.round((BAR_WIDTH * Math.min(count, total)) / Math.max(total, 1))).padEnd(BAR_WIDTH, ".")}] `;
    // The items that took work so far set the pace of the ones left.
    const worked = count - skipped;
    const left = total !== undefined && count < total && worked > 0 && seconds > 0 ? `, ${duration(((total - count) * seconds) / worked)} left` : "";
    return `${label}: ${bar}${of} ${rate} ${duration(seconds)}${left}`;
  };

  const advance = (items: number) => {
    count += items;
    const t = now();
    if (tty) {
      if (t - lastWrite < REDRAW_MS) return;
      stream.write(`\r${describe()}\x1b[K`);
    } else {
      if (count - lastLoggedCount < everyItems && t - lastWrite < everyMs) return;
      stream.write(`${describe()}\n`);
      lastLoggedCount = count;
    }
    lastWrite = t;
  };

  const progress: Progress = {
    tick: (items = 1) => advance(items),
    skip(items = 1) {
      skipped += items;
      advance(items);
    },
    done() {
      clearInterval(idle);
      stream.write(tty ? `\r${describe()}\x1b[K\n` : `${describe()}\n`);
    },
    stop() {
      clearInterval(idle);
    },
  };
  const idle = setInterval(() => advance(0), tty ? IDLE_REDRAW_MS : everyMs).unref();
  return progress;
}
