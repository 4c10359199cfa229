import type { JsonValue } from '@account-ops/event-store';

/** An event as read, at some schema version. */
export interface VersionedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonValue;
}

/** Turns one (type, schemaVersion) into the next shape; may rename the type. */
export type Upcaster = (event: VersionedEvent) => VersionedEvent;

const MAX_STEPS = 100;

/**
 * Upcasters keyed by (event type, schema version), applied in a chain on every read path
 * that feeds the domain, so stored history never has to be rewritten (the hash chain covers
 * what was stored, not the upcast form).
 */
export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();

  register(type: string, fromSchemaVersion: number, upcaster: Upcaster): this {
    const key = `${type}@${fromSchemaVersion}`;
    if (this.byKey.has(key)) throw new Error(`an upcaster for ${key} is already registered`);
    this.byKey.set(key, upcaster);
    return this;
  }

  upcast(event: VersionedEvent): VersionedEvent {
    let current = event;
    for (let step = 0; step < MAX_STEPS; step++) {
      const upcaster = this.byKey.get(`${current.type}@${current.schemaVersion}`);
      if (!upcaster) return current;
      const next = upcaster(current);
      if (next.type === current.type && next.schemaVersion <= current.schemaVersion) {
        throw new Error(
          `upcaster for ${current.type}@${current.schemaVersion} must raise the schema version`,
        );
      }
      current = next;
    }
    throw new Error(
      `upcasting ${event.type}@${event.schemaVersion} did not finish in ${MAX_STEPS} steps`,
    );
  }
}
