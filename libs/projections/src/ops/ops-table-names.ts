import { liveTableNames, tableOf } from '../projection';
import { opsProjection } from './ops.projection';

/** The live table the ops queries read for a logical ops table. */
export const opsTable = (logical: string): string =>
  tableOf(liveTableNames(opsProjection), logical);
