import type { AccountConfig } from '@account-ops/accounts';
import { awaitDueDeadlinesFired } from '../deadlines/due-deadlines';
import { acceleratedClock, clockToEnv, type ClockSpec } from '../harness/accelerated-clock';
import { ApiProcess } from '../harness/api-process';
import { ChildGate } from '../harness/child-gate';
import { CHILD_ENV } from '../harness/child-protocol';
import { startDrillIdentity, type DrillIdentity } from '../harness/drill-identity';
import type { ThrowawayStore } from '../harness/throwaway-store';
import { CommandLedger } from './command-ledger';
import { CrashChecker } from './crash-checker';

/**
 * The API child over one throwaway store, and the cycle the crash tests repeat: SIGKILL,
 * check the store it left behind, restart. Clients reach it through `gate`; what they were
 * told goes into `ledger`; `checker` holds what the checks learnt so far. An identity
 * provider runs beside it for as long, so the admin's card changes carry a second factor
 * (drill-identity.ts).
 */
export class CrashingApi {
  readonly gate = new ChildGate();
  readonly ledger = new CommandLedger();
  readonly checker: CrashChecker;
  readonly clock;
  private env: Record<string, string>;
  private identity: DrillIdentity | undefined;
  private child: ApiProcess | undefined;
  /** The next child, already past module loading (see api-child.ts). */
  private standby: Promise<ApiProcess> | undefined;
  /** Domain time of the last kill: from then until the restart no API was running. */
  private killedAt: number | undefined;

  constructor(
    readonly store: ThrowawayStore,
    clock: ClockSpec,
    config: Partial<AccountConfig>,
  ) {
    this.checker = new CrashChecker(store, this.ledger);
    this.clock = acceleratedClock(clock);
    this.env = {
      ...store.childEnv(),
      [CHILD_ENV.clock]: clockToEnv(clock),
      [CHILD_ENV.config]: JSON.stringify(config),
      // The tree catches up and a checkpoint is signed every few events and milliseconds, so
      // kills land between commits and tree updates, and inside both (merkle-check.ts).
      [CHILD_ENV.checkpoints]: JSON.stringify({ everyEvents: 10, tickMs: 20 }),
    };
  }

  /** Starts the standby child on the store, and warms up the next one. */
  async start(): Promise<void> {
    if (!this.identity) {
      this.identity = await startDrillIdentity();
      this.env = { ...this.env, ...this.identity.env };
    }
    this.child = await (this.standby ?? ApiProcess.spawn(this.env));
    this.standby = ApiProcess.spawn(this.env);
    // Awaited at the next start; until then a failure must not count as unhandled.
    this.standby.catch(() => undefined);
    await this.child.go();
    if (this.killedAt !== undefined) {
      this.checker.deadlines.noteDowntime(this.killedAt, this.clock.now().getTime());
    }
    this.gate.open(this.child.baseUrl);
  }

  /** SIGKILL, then the checks on what it left (see CrashChecker). */
  async killAndCheck(label: string, rebuild: boolean): Promise<void> {
    await this.kill();
    await this.checker.check({ label, rebuild });
  }

  /**
   * The end: waits until every deadline due by now has fired, kills the API once more and
   * runs every check, with "nothing due is left" and a re-read of the whole store.
   */
  async finish(): Promise<void> {
    const dueBy = this.clock.now();
    await awaitDueDeadlinesFired(this.store, dueBy);
    await this.kill();
    await this.checker.check({ label: 'final check', rebuild: true, dueBy });
    await this.checker.verifyEverything('final re-read');
  }

  /** Kills whatever still runs, the standby too; for `finally` blocks. */
  async stop(): Promise<void> {
    this.gate.close();
    await this.child?.kill().catch(() => undefined);
    const standby = await this.standby?.catch(() => undefined);
    await standby?.kill().catch(() => undefined);
    await this.identity?.close();
    this.identity = undefined;
  }

  recentOutput(): string {
    return this.child?.recentOutput() ?? '';
  }

  private async kill(): Promise<void> {
    // Closed first, so a request that dies with the child is known to be a crash.
    this.gate.close();
    this.killedAt = this.clock.now().getTime();
    await this.child!.kill();
    await this.store.released();
  }
}
