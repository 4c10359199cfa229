import type { ProjectionBackend } from '../backend';

/** A held right to run one projection (PostgreSQL: a session advisory lock). */
export interface Leadership {
  release(): Promise<void>;
}

/** Backends where several processes may compete for a projection. */
export interface LeaderElecting {
  tryLead(name: string): Promise<Leadership | undefined>;
}

/** Backends that can catch several projections up in one pass over the events. */
export interface CatchingUpTogether {
  catchUpTogether(names: readonly string[]): Promise<number>;
}

export interface ProjectorOptions {
  /** Longest wait before looking for new events without a wake-up (default 200 ms). */
  readonly pollIntervalMs?: number;
  /** A failed pass is reported here and retried at the next poll. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Async mode: keeps every projection caught up in the background. One pass at a time;
 * `kick()` after a local commit starts the next pass at once instead of at the next poll.
 * Where the backend elects leaders, only the process holding a projection's lock runs
 * it; the others stand by and try again each poll.
 */
export class Projector {
  private readonly leaderships = new Map<string, Leadership>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly backend: ProjectionBackend &
      Partial<LeaderElecting> &
      Partial<CatchingUpTogether>,
    private readonly options: ProjectorOptions = {},
  ) {}

  /**
   * One pass over every projection this process may run (in one pass over the events
   * where the backend can); returns events applied, counted once per projection.
   */
  async runOnce(): Promise<number> {
    const names: string[] = [];
    for (const { name } of this.backend.projections) {
      if (await this.mayRun(name)) names.push(name);
    }
    if (this.backend.catchUpTogether) return this.backend.catchUpTogether(names);
    let applied = 0;
    for (const name of names) applied += await this.backend.catchUp(name);
    return applied;
  }

  /** Whether this process currently runs the projection (always true without elections). */
  isLeading(name: string): boolean {
    return !this.backend.tryLead || this.leaderships.has(name);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), this.options.pollIntervalMs ?? 200);
        this.timer.unref();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    for (const leadership of this.leaderships.values()) await leadership.release();
    this.leaderships.clear();
  }

  private async pass(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private async mayRun(name: string): Promise<boolean> {
    if (!this.backend.tryLead || this.leaderships.has(name)) return true;
    const leadership = await this.backend.tryLead(name);
    if (leadership) this.leaderships.set(name, leadership);
    return leadership !== undefined;
  }
}
