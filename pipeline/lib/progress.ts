export interface ProgressOptions {
  label: string;
  /** Items expected, when known: adds a bar and a percentage. */
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
  /** Writes the final count and rate; on a terminal it also ends the bar's line. */
  done(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/** How often a terminal's bar is redrawn while no item finishes, so its clock shows the run is alive. */
const IDLE_REDRAW_MS = 1000;

/**
 * Reports progress on stderr: a redrawn bar with count and rate on a terminal, plain lines every
 * `everyItems` items or `everyMs` ms otherwise (CI logs stay short and readable). The lines come on a timer too,
 * so a slow article in a worker does not silence the run (one computing in this thread blocks the timer).
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
  let lastWrite = started;
  let lastLoggedCount = 0;

  const describe = () => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? `${(count / seconds).toFixed(1)}/s` : "-/s";
    const of = total === undefined ? `${count}` : `${count}/${total} (${Math.floor((100 * count) / Math.max(total, 1))}%)`;
    const bar = total === undefined || !tty ? "" : `[${"#".repeat(Math.round((BAR_WIDTH * Math.min(count, total)) / Math.max(total, 1))).padEnd(BAR_WIDTH, ".")}] `;
    return `${label}: ${bar}${of} ${rate} ${seconds.toFixed(1)} s`;
  };

  const progress: Progress = {
    tick(items = 1) {
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
    },
    done() {
      clearInterval(idle);
      stream.write(tty ? `\r${describe()}\x1b[K\n` : `${describe()}\n`);
    },
  };
  const idle = setInterval(() => progress.tick(0), tty ? IDLE_REDRAW_MS : everyMs).unref();
  return progress;
}
