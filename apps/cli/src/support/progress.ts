import { SingleBar } from 'cli-progress';

/** Reports how far a long operation has got; always on stderr, so stdout stays data. */
export interface Progress {
  /** `done` so far; `total` when it became known or changed. */
  update(done: number, total?: number): void;
  /** Clears the bar (TTY); the command prints its own summary afterwards. */
  stop(): void;
}

/** What to report and where; `stream` and `now` are for tests. */
export interface ProgressOptions {
  readonly label: string;
  /** Unknown totals show a count without a bar or percentage. */
  readonly total?: number;
  /** What is counted, for a count without a total (default `events`). */
  readonly unit?: string;
  readonly stream?: NodeJS.WritableStream & { readonly isTTY?: boolean };
  /** Plain mode: at most one line per interval (default 2 s). */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

/**
 * A bar on a terminal; elsewhere (CI logs, redirected stderr) a plain line at most every
 * couple of seconds, since carriage-return redraws turn a log into noise. Short runs
 * print nothing at all.
 */
export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  return stream.isTTY ? terminalBar(options, stream) : plainLines(options, stream);
}

function terminalBar(options: ProgressOptions, stream: NodeJS.WritableStream): Progress {
  let bar: SingleBar | undefined;
  // Created on the first update: a rebuild learns its total only then, and the format
  // (a bar, or a plain count) depends on whether there is one.
  const create = (total: number | undefined): SingleBar => {
    const created = new SingleBar({
      stream,
      format:
        total === undefined
          ? `${options.label} {value} ${options.unit ?? 'events'} | {duration_formatted}`
          : `${options.label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      clearOnComplete: true,
      hideCursor: true,
      fps: 10,
    });
    created.start(total ?? 0, 0);
    return created;
  };
  return {
    update: (done, total) => {
      bar ??= create(total ?? options.total);
      if (total !== undefined) bar.setTotal(total);
      bar.update(done);
    },
    stop: () => {
      bar?.stop();
      bar = undefined;
    },
  };
}

function plainLines(options: ProgressOptions, stream: NodeJS.WritableStream): Progress {
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 2000;
  let total = options.total;
  let last = now();
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) total = newTotal;
      if (now() - last < interval) return;
      last = now();
      stream.write(`${progressLine(options.label, done, total)}\n`);
    },
    stop: () => undefined,
  };
}

/** `verify: 1200/5000 (24%)`, or `digest: 1200` when the total is unknown. */
export function progressLine(label: string, done: number, total: number | undefined): string {
  if (total === undefined || total <= 0) return `${label}: ${done}`;
  return `${label}: ${done}/${total} (${Math.floor((done / total) * 100)}%)`;
}
