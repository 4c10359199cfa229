import {
  accountStreamId,
  checkpointKeyFromEnvironment,
  developmentKeyPlace,
  type CheckpointKeyProvider,
} from '@account-ops/engine';
import {
  buildEvidenceBundle,
  Checkpointer,
  CheckpointSchedule,
  latestCheckpoint,
  leafOfEvent,
  locateEvent,
  MerkleLog,
  openTreeCatchUp,
  type StoredCheckpoint,
  type TreeCatchUp,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import {
  formatVerifierKey,
  type EvidenceBundleV2,
  type VerifierKey,
} from '@account-ops/evidence-verifier';
import { AccountNotFound } from '@account-ops/accounts';
import type { Logger } from 'pino';
import { ApiError } from '../http/problem';
import {
  type CheckpointOptions,
  DEFAULT_CHECKPOINT_EVENTS,
  DEFAULT_CHECKPOINT_SECONDS,
} from './checkpoint-options';

const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64');

export interface InclusionProofView {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly inclusionProof: string[];
}

export interface ConsistencyProofView {
  readonly format: 'account-ops-consistency-proof-v1';
  readonly oldSize: number;
  readonly newSize: number;
  readonly proof: string[];
}

/**
 * The Merkle log for the API: catches up with the events and signs checkpoints on the
 * schedule (a timer, stopped at shutdown), and answers checkpoints, proofs and evidence.
 * The catch-up runs in a worker thread where the store allows it (openTreeCatchUp), so
 * it takes nothing from the commands' thread; proofs and roots are read on this one.
 */
export class AuditLogService {
  readonly log: MerkleLog;
  private signing: { checkpointer: Checkpointer; schedule: CheckpointSchedule } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private follower: TreeCatchUp | undefined;

  constructor(
    private readonly store: TransactionalEventStore,
    private readonly options: CheckpointOptions,
    private readonly now: () => Date,
    private readonly logger?: Pick<Logger, 'warn' | 'info'>,
  ) {
    this.log = new MerkleLog(store);
  }

  /**
   * The signer, resolved on first use (the key may be generated then, in development),
   * so an app that never signs never touches a key.
   */
  private get checkpointer(): Checkpointer {
    return this.signingParts().checkpointer;
  }

  private signingParts(): { checkpointer: Checkpointer; schedule: CheckpointSchedule } {
    if (this.signing) return this.signing;
    const provider: CheckpointKeyProvider =
      this.options.keyProvider ??
      checkpointKeyFromEnvironment({
        env: process.env,
        developmentKey: developmentKeyPlace(this.store),
        generate: true,
      }).provider;
    const checkpointer = new Checkpointer(this.log, this.store, provider.signer(), {
      now: this.now,
      catchUp: () => this.treeCatchUp.catchUp(),
      ...(this.options.dir ? { dir: this.options.dir } : {}),
    });
    const schedule = new CheckpointSchedule(checkpointer, {
      everySeconds: this.options.everySeconds ?? DEFAULT_CHECKPOINT_SECONDS,
      everyEvents: this.options.everyEvents ?? DEFAULT_CHECKPOINT_EVENTS,
      now: this.now,
    });
    this.signing = { checkpointer, schedule };
    return this.signing;
  }

  /** Opened on first use (a worker starts on its first catch-up), closed by {@link stop}. */
  private get treeCatchUp(): TreeCatchUp {
    return (this.follower ??= openTreeCatchUp(this.store, this.log));
  }

  get verifier(): VerifierKey {
    return this.checkpointer.signer.verifier;
  }

  /** Starts the catch-up and schedule timer (unref'd: it never keeps the process alive). */
  start(tickMs: number): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick());
    }, tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    // Ends the catch-up's worker thread (and its connection) before the store closes; a
    // checkpoint asked for after this is refused rather than starting another thread.
    await this.follower?.close();
  }

  /** One catch-up and, if due, a checkpoint; failures are logged and retried next tick. */
  async tick(): Promise<StoredCheckpoint | undefined> {
    try {
      const { schedule } = this.signingParts();
      const signed = await schedule.tick(async () => (await this.treeCatchUp.catchUp()).size);
      if (signed) this.logger?.info({ size: signed.size, root: signed.root }, 'checkpoint signed');
      return signed;
    } catch (error) {
      this.logger?.warn({ err: error }, 'Merkle log catch-up or checkpoint failed; retrying');
      return undefined;
    }
  }

  /** Signs a checkpoint now (on demand). */
  checkpointNow(): Promise<StoredCheckpoint> {
    return this.checkpointer.checkpoint();
  }

  async latest(): Promise<StoredCheckpoint> {
    const checkpoint = await latestCheckpoint(this.store);
    if (!checkpoint) {
      throw new ApiError(404, 'CHECKPOINT_NOT_FOUND', 'no checkpoint has been signed yet');
    }
    return checkpoint;
  }

  key(): { verifierKey: string; keyId: string; origin: string; publicKeyPem: string } {
    const signer = this.checkpointer.signer;
    return {
      verifierKey: formatVerifierKey(signer.verifier),
      keyId: signer.verifier.keyId.toString(16).padStart(8, '0'),
      origin: signer.name,
      publicKeyPem: signer.publicKeyPem(),
    };
  }

  async inclusion(eventId: string, treeSize: number | undefined): Promise<InclusionProofView> {
    const size = treeSize ?? (await this.latest()).size;
    const event = await locateEvent(this.store, eventId);
    if (!event) throw new ApiError(404, 'EVENT_NOT_FOUND', `event ${eventId} not found`);
    const state = await this.log.state();
    if (size > state.size) throw treeTooSmall(size, state.size);
    const index = await this.log.leafIndexOf(event.globalPosition);
    if (index === undefined || index >= size) {
      throw new ApiError(
        404,
        'EVENT_NOT_IN_TREE',
        `event ${eventId} is not among the first ${size} leaves of the log`,
      );
    }
    const path = await this.log.inclusionProof(index, size);
    return {
      eventId,
      streamId: event.streamId,
      version: event.version,
      leafIndex: index,
      treeSize: size,
      leafHash: b64(leafOfEvent(event)),
      inclusionProof: path.map(b64),
    };
  }

  async consistency(from: number, to: number): Promise<ConsistencyProofView> {
    if (from > to) {
      throw new ApiError(400, 'VALIDATION_FAILED', `from (${from}) is larger than to (${to})`);
    }
    const state = await this.log.state();
    if (to > state.size) throw treeTooSmall(to, state.size);
    const proof = from === 0 || from === to ? [] : await this.log.consistencyProof(from, to);
    return {
      format: 'account-ops-consistency-proof-v1',
      oldSize: from,
      newSize: to,
      proof: proof.map(b64),
    };
  }

  /** The account's evidence bundle (format v2) against the latest checkpoint. */
  async evidence(accountId: string): Promise<EvidenceBundleV2> {
    const checkpoint = await this.latest();
    const streamId = accountStreamId(accountId);
    const events = await this.store.readStream(streamId).catch(() => []);
    if (events.length === 0) {
      throw new AccountNotFound(accountId);
    }
    const bundle = await buildEvidenceBundle(this.log, { accountId, streamId, events, checkpoint });
    if (bundle.events.length === 0) {
      throw new ApiError(
        404,
        'EVENT_NOT_IN_TREE',
        `no event of ${accountId} is in the latest checkpoint yet`,
      );
    }
    return bundle;
  }
}

function treeTooSmall(size: number, has: number): ApiError {
  return new ApiError(404, 'TREE_SIZE_NOT_FOUND', `the log has ${has} leaves so far, not ${size}`);
}
