import { DuplicateRecord, type RecordStore, type RecordWrite } from '@account-ops/event-store';

const COLLECTION = 'step-up-used';
const STEP_SECONDS = 30;

/** What a process knows about an actor's accepted steps before it verifies a code. */
export interface UsedSteps {
  /** The newest accepted time step still on record. */
  readonly latest: number | undefined;
  /** Keys of rows too old to matter any more, deleted with the next claim. */
  readonly stale: readonly string[];
}

// Actor ids are SPEC ids (letters, digits, `_ - . :`), so `/` cannot occur in one: the
// prefix `actor/` never matches another actor's rows.
const keyOf = (actorId: string, step: number) => `${actorId}/${step}`;

/**
 * Accepted TOTP time steps per actor, kept in the engine's records so that a code is
 * accepted once across restarts and across every process on the same store. Each
 * acceptance inserts the key (actor, step): two processes racing with one code collide
 * on it (DuplicateRecord), and the newest step on record refuses older codes. Only the
 * actor id and the step number are stored, never the code or the secret. Rows older than
 * the drift window can never match again and are deleted with the actor's next claim.
 */
export class UsedTotpSteps {
  constructor(
    private readonly records: RecordStore,
    /** Steps of drift accepted either way (the verifier's tolerance). */
    private readonly windowSteps: number,
  ) {}

  async read(actorId: string, now: Date): Promise<UsedSteps> {
    const rows = await this.records.listRecords(COLLECTION, { keyPrefix: `${actorId}/` });
    const oldestUseful = Math.floor(now.getTime() / 1000 / STEP_SECONDS) - this.windowSteps - 1;
    const steps = rows.map((row) => ({ key: row.key, step: Number(row.key.split('/').pop()) }));
    const latest = steps.reduce<number | undefined>(
      (max, { step }) => (max === undefined || step > max ? step : max),
      undefined,
    );
    return { latest, stale: steps.filter((s) => s.step < oldestUseful).map((s) => s.key) };
  }

  /** Records `step` as used; false when it already was (by this or another process). */
  async claim(actorId: string, step: number, stale: readonly string[]): Promise<boolean> {
    const writes: RecordWrite[] = [
      {
        op: 'insert',
        collection: COLLECTION,
        key: keyOf(actorId, step),
        sortKey: new Date(step * STEP_SECONDS * 1000).toISOString(),
        value: { actorId, step },
      },
      ...stale.map((key): RecordWrite => ({ op: 'delete', collection: COLLECTION, key })),
    ];
    try {
      await this.records.writeRecords(writes);
      return true;
    } catch (error) {
      if (error instanceof DuplicateRecord) return false;
      throw error;
    }
  }
}
