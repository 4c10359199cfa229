import type { EventOf, EventType } from '@account-ops/accounts';
import type { SqlStatement } from '@account-ops/event-store';
import type { TableNames } from '../projection';

/** What every ops statement builder gets besides the event's data. */
export interface OpsContext {
  readonly accountId: string;
  readonly tables: TableNames;
}

/** Statement builders by event type, typed like the domain's evolvers. */
export type OpsHandlers<T extends EventType> = {
  readonly [K in T]: (ctx: OpsContext, data: EventOf<K>['data']) => SqlStatement[];
};

/** The domain's event types whose name starts with `prefix`. */
export type EventsNamed<P extends string> = Extract<EventType, `${P}${string}`>;
