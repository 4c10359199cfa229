import {
  EVIDENCE_FORMAT,
  EVIDENCE_FORMAT_V2,
  type EvidenceBundle,
  type EvidenceBundleV2,
} from './bundle';

const BUNDLE_KEYS = ['accountId', 'checkpoint', 'events', 'format', 'streamId'];
const BUNDLE_KEYS_V2 = ['accountId', 'checkpoint', 'events', 'format', 'multiProof', 'streamId'];
const ITEM_KEYS = ['event', 'inclusionProof', 'leafIndex', 'position'];
const ITEM_KEYS_V2 = ['event', 'leafIndex', 'position'];
const POSITION_KEYS = ['commit', 'prepare'];
const EVENT_KEYS = ['data', 'eventId', 'metadata', 'schemaVersion', 'streamId', 'type', 'version'];
const DECIMAL_U64 = /^(0|[1-9]\d{0,19})$/;

/**
 * What is structurally wrong with a parsed bundle of either format, or undefined. Strict:
 * no member more or less than the format has, so that no byte of a bundle goes unchecked.
 */
export function bundleShapeProblem(input: unknown): string | undefined {
  const v2 = (input as { format?: unknown } | null)?.format === EVIDENCE_FORMAT_V2;
  const keys = v2 ? BUNDLE_KEYS_V2 : BUNDLE_KEYS;
  if (!hasKeys(input, keys)) return `members are not exactly ${keys.join(', ')}`;
  const b = input as EvidenceBundle | EvidenceBundleV2;
  if (b.format !== EVIDENCE_FORMAT && b.format !== EVIDENCE_FORMAT_V2)
    return `format is not ${EVIDENCE_FORMAT_V2} or ${EVIDENCE_FORMAT}`;
  if (typeof b.checkpoint !== 'string') return 'no checkpoint';
  if (typeof b.accountId !== 'string' || b.streamId !== `account-${b.accountId}`) {
    return 'the stream id is not account-<accountId>';
  }
  if (v2 && typeof (b as EvidenceBundleV2).multiProof !== 'string')
    return 'multiProof is not a string';
  if (!Array.isArray(b.events) || b.events.length === 0) return 'no events';
  const itemKeys = v2 ? ITEM_KEYS_V2 : ITEM_KEYS;
  for (let i = 0; i < b.events.length; i++) {
    const e = b.events[i] as Record<string, unknown> & { event: unknown; position: unknown };
    const position = e.position as { commit?: unknown; prepare?: unknown };
    const ok =
      hasKeys(e, itemKeys) &&
      hasKeys(e.event, EVENT_KEYS) &&
      typeof (e.event as { metadata?: unknown }).metadata === 'object' &&
      (e.event as { metadata?: unknown }).metadata !== null &&
      Number.isSafeInteger(e.leafIndex) &&
      (v2 || Array.isArray(e.inclusionProof)) &&
      hasKeys(position, POSITION_KEYS) &&
      typeof position.commit === 'string' &&
      typeof position.prepare === 'string' &&
      DECIMAL_U64.test(position.commit) &&
      DECIMAL_U64.test(position.prepare);
    if (!ok) return `event ${i + 1} is malformed`;
  }
  return undefined;
}

/** Exactly these own members: as many as `keys`, and each of them. */
function hasKeys(value: unknown, keys: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.keys(value).length !== keys.length) return false;
  for (const key of keys) if (!Object.hasOwn(value, key)) return false;
  return true;
}
