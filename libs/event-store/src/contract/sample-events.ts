import type { JsonValue, NewEvent } from '../port/envelope';

export const TEST_ACTOR = { id: 'contract-tester', roles: ['system'] } as const;

export function newEvent(
  type: string,
  data: JsonValue = {},
  extra: Partial<NewEvent> = {},
): NewEvent {
  return { type, data, metadata: { actor: TEST_ACTOR }, ...extra };
}

export function numbered(count: number, type = 'Numbered', from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent(type, { n: from + i }));
}
