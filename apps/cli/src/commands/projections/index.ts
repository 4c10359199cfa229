import type { Command } from 'commander';
import { registerProjectionCheck } from './check';
import { registerProjectionRebuild } from './rebuild';
import { registerProjectionStatus } from './status';

/** `projections status | rebuild [name] | check`. */
export function registerProjections(program: Command): void {
  const group = program
    .command('projections')
    .description('read models: lag per projection, rebuild from the events, balance check');
  registerProjectionStatus(group);
  registerProjectionRebuild(group);
  registerProjectionCheck(group);
}
