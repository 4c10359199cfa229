import type { Actor } from '../actors/roles';
import type { AccountCommandPayloads } from './account-commands';
import type { CancellationCommandPayloads } from './cancellation-commands';
import type { FreezeCommandPayloads } from './freeze-commands';
import type { RefundCommandPayloads } from './refund-commands';
import type { TopUpCommandPayloads } from './top-up-commands';

/** Every command's payload by command type (the fields besides type, accountId and actor). */
export type CommandPayloads = AccountCommandPayloads &
  TopUpCommandPayloads &
  RefundCommandPayloads &
  FreezeCommandPayloads &
  CancellationCommandPayloads;

export type CommandType = keyof CommandPayloads;

/** The command of one type: imperative name, target account, actor, payload. */
export type CommandOf<T extends CommandType> = {
  type: T;
  accountId: string;
  actor: Actor;
} & CommandPayloads[T];

/** Every command `decide` accepts, as a union discriminated by `type`. */
export type Command = { [T in CommandType]: CommandOf<T> }[CommandType];
