/**
 * The process refuses new commands: too many are queued or running already. Nothing was
 * verified, decided or written; the same command (same idempotency key) may be sent again
 * later and runs once. Maps to 503 with `Retry-After`.
 */
export class CommandsOverloaded extends Error {
  readonly code = 'OVERLOADED';
  constructor(readonly limit: number) {
    super(`too many commands in flight (limit ${limit}); retry later`);
    this.name = 'CommandsOverloaded';
  }
}

/** How loaded the engine's command path is, for health checks and metrics. */
export interface CommandLoad {
  /** Commands accepted and not yet settled: queued behind their account, or running. */
  readonly inFlight: number;
  /** The bound beyond which sheddable commands are refused; `null`: no bound. */
  readonly limit: number | null;
  /** True while a new sheddable command would be refused. */
  readonly shedding: boolean;
  /** Commands refused since the engine started. */
  readonly shedTotal: number;
}

/**
 * Counts the commands in flight in this process and refuses new ones beyond a bound
 * (load shedding). Without a bound a burst queues without limit: every caller waits
 * longer, times out and retries, and the queue only grows. With one, the excess is told
 * at once to come back later, and the commands already admitted finish in bounded time.
 *
 * One actor may hold at most half of the bound (rounded up): a flood from one API key then
 * fills its own half and is shed there, and every other caller still finds room — a
 * global bound alone would hand the whole queue to whoever sends fastest.
 */
export class CommandAdmission {
  private inFlight = 0;
  private shedTotal = 0;
  private readonly perActor = new Map<string, number>();
  private readonly actorLimit: number | undefined;

  /** `limit`: at most this many commands in flight; undefined or Infinity for no bound. */
  constructor(private readonly limit?: number) {
    if (limit !== undefined && !(limit >= 1)) {
      throw new RangeError('maxQueuedCommands must be at least 1');
    }
    this.actorLimit =
      limit !== undefined && Number.isFinite(limit) ? Math.ceil(limit / 2) : undefined;
  }

  /**
   * Admits a command of `actorId` (returns its release, to call once it settled) or throws
   * CommandsOverloaded. `sheddable: false` is for work the engine must not refuse (fired
   * deadlines, read-only commands): counted, never refused.
   */
  admit(sheddable: boolean, actorId = ''): () => void {
    const held = this.perActor.get(actorId) ?? 0;
    const actorFull = this.actorLimit !== undefined && held >= this.actorLimit;
    if (sheddable && (this.full || actorFull)) {
      this.shedTotal++;
      throw new CommandsOverloaded(this.limit!);
    }
    this.inFlight++;
    this.perActor.set(actorId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      const left = (this.perActor.get(actorId) ?? 1) - 1;
      if (left === 0) this.perActor.delete(actorId);
      else this.perActor.set(actorId, left);
    };
  }

  load(): CommandLoad {
    const bounded = this.limit !== undefined && Number.isFinite(this.limit);
    return {
      inFlight: this.inFlight,
      limit: bounded ? this.limit! : null,
      shedding: this.full,
      shedTotal: this.shedTotal,
    };
  }

  private get full(): boolean {
    return this.limit !== undefined && this.inFlight >= this.limit;
  }
}
