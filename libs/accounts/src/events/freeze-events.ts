import type { CommandType } from '../commands/command';
import type { FreezeReason } from '../commands/freeze-commands';

/** SPEC §5 facts. `trigger` names the command that applied or lifted the reason. */
export type FreezeEventPayloads = {
  /** `windowStart` lets replay drop older failures without knowing the configured window. */
  FailedLoginRecorded: { windowStart: string; failuresInWindow: number };
  FreezeApplied: { reason: FreezeReason; note: string | null; trigger: CommandType };
  FreezeLifted: { reason: FreezeReason; note: string | null; trigger: CommandType };
};
