import { eventLeafHash, StreamingRoot } from '@account-ops/evidence-verifier';
import {
  CHECKPOINT_COLLECTION,
  MerkleLog,
  type RecordedEvent,
  type StoredCheckpoint,
  type TransactionalEventStore,
} from '@account-ops/event-store';

/**
 * The verifiable log after a kill. The API catches the Merkle tree up with the events on a
 * timer, in batches, and signs checkpoints, so a SIGKILL can land between an event's commit
 * and the tree update, or in the middle of either. Whatever it left must be a correct
 * prefix of the tree the events give, and every checkpoint ever signed must sign a root
 * the events produce: computed here from the events alone (leaf bytes and RFC 9162 root
 * from the offline verifier), not from the stored tiles.
 */
export class MerkleCheck {
  private readonly root = new StreamingRoot();
  /** Root (base64) of the first n events, for every n read so far (index n − 1). */
  private readonly roots: string[] = [];
  private readonly checked = new Set<string>();
  readonly figures = { treesChecked: 0, checkpointsChecked: 0, leavesAtLastCheck: 0 };

  /** Fed every event in global order (the crash checker's incremental read). */
  onEvent(event: RecordedEvent): void {
    this.root.append(
      eventLeafHash({
        position: event.globalPosition,
        streamId: event.streamId,
        version: event.version,
        hash: event.metadata.hash,
      }),
    );
    this.roots.push(Buffer.from(this.root.root()).toString('base64'));
  }

  async check(store: TransactionalEventStore, problems: string[]): Promise<void> {
    const log = new MerkleLog(store);
    // As the API left it: a prefix of the events' tree, however far it got.
    this.compareTree('as left by the kill', await log.check(), problems);
    await this.compareCheckpoints(store, problems);
    // As the next process makes it: complete, and still the events' tree.
    const { size } = await log.catchUp();
    if (size !== this.roots.length) {
      problems.push(
        `Merkle log: caught up to ${size} leaves, the store holds ${this.roots.length} events`,
      );
    }
    this.compareTree('after catching up', await log.check(), problems);
    this.figures.treesChecked++;
    this.figures.leavesAtLastCheck = size;
  }

  private compareTree(
    when: string,
    tree: Awaited<ReturnType<MerkleLog['check']>>,
    problems: string[],
  ): void {
    if (tree.firstDifference) {
      const { index, event } = tree.firstDifference;
      problems.push(
        `Merkle log ${when}: leaf ${index} is not ${event.streamId} v${event.version}'s`,
      );
    }
    if (tree.truncated) problems.push(`Merkle log ${when}: more leaves than events`);
    if (tree.rootMismatch)
      problems.push(`Merkle log ${when}: upper tiles disagree with the leaves`);
    if (tree.size > this.roots.length) {
      problems.push(`Merkle log ${when}: ${tree.size} leaves for ${this.roots.length} events`);
    }
  }

  private async compareCheckpoints(
    store: TransactionalEventStore,
    problems: string[],
  ): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const page = await store.listRecords(CHECKPOINT_COLLECTION, {
        limit: 500,
        ...(after ? { keyAfter: after } : {}),
      });
      if (page.length === 0) return;
      for (const record of page) {
        if (this.checked.has(record.key)) continue;
        const checkpoint = record.value as unknown as StoredCheckpoint;
        const expected = this.roots[checkpoint.size - 1];
        if (checkpoint.size > this.roots.length) {
          problems.push(
            `checkpoint at size ${checkpoint.size} signed with only ${this.roots.length} events stored`,
          );
        } else if (checkpoint.root !== expected) {
          problems.push(
            `checkpoint at size ${checkpoint.size} signs root ${checkpoint.root}; the events give ${expected}`,
          );
        }
        this.checked.add(record.key);
        this.figures.checkpointsChecked++;
      }
      after = page[page.length - 1]!.key;
    }
  }
}
