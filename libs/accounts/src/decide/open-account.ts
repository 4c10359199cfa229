import type { AccountCommandPayloads } from '../commands/account-commands';
import { AccountAlreadyExists } from '../errors/request-errors';
import { lifecycleStepper } from '../machines/lifecycle.machine';
import { changeBankCard } from './bank-card';
import { emit, type Handlers } from './decision';
import { requireOpened } from './require';

/** SPEC §1 and §3, and the read-only export. */
export const accountHandlers: Handlers<keyof AccountCommandPayloads> = {
  OpenAccount(state, command, decision) {
    if (!lifecycleStepper.can(state.machines.lifecycle, { type: 'OPEN' })) {
      throw new AccountAlreadyExists(command.accountId);
    }
    const data = {
      accountId: command.accountId,
      ownerName: command.ownerName,
      ownerEmail: command.ownerEmail,
      currency: command.currency,
      plan: command.plan ?? null,
    };
    return [emit('AccountOpened', data, decision)];
  },

  ChangeBankCard: changeBankCard,

  /**
   * Read-only (SPEC §6: admin and auditor, before and after cancellation): `decide`
   * authorises it and checks the account exists, then returns no events. The engine
   * builds the export from the stream and the state.
   */
  ExportAccountData(state, command) {
    requireOpened(state, command);
    return [];
  },
};
