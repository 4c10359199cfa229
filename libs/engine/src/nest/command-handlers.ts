import type { Command } from '@account-ops/accounts';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../commands/command-executor';
import type { AccountOps } from '../create-account-ops';
import { COMMAND_CLASSES, type AccountCommand } from './account-commands';
import { ACCOUNT_OPS } from './tokens';

/** A handler class for one command class: load, decide, append through the engine. */
function handlerFor(commandClass: (typeof COMMAND_CLASSES)[keyof typeof COMMAND_CLASSES]) {
  class AccountCommandHandler implements ICommandHandler<AccountCommand, CommandResult> {
    constructor(@Inject(ACCOUNT_OPS) readonly ops: AccountOps) {}

    execute(message: AccountCommand): Promise<CommandResult> {
      // CommandOf<CommandType> is one wide object type, not the union: narrow it back.
      return this.ops.execute(message.command as Command, message.options);
    }
  }
  Object.defineProperty(AccountCommandHandler, 'name', { value: `${commandClass.name}Handler` });
  CommandHandler(commandClass)(AccountCommandHandler);
  return AccountCommandHandler;
}

/** One handler per command, as @nestjs/cqrs expects. */
export const COMMAND_HANDLERS = Object.values(COMMAND_CLASSES).map(handlerFor);
