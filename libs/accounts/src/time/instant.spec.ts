import { addDays, canonicalInstant, isIsoDate, sameUtcDay, utcDayNumber } from './instant';

describe('instants', () => {
  it.each([
    ['2025-03-10T09:00:00Z', '2025-03-10T09:00:00.000Z'],
    ['2025-03-10T09:00:00.5Z', '2025-03-10T09:00:00.500Z'],
    ['2025-03-10T09:00:00+01:00', null],
    ['2025-02-30T00:00:00Z', null],
    ['2025-03-10T24:00:00Z', null],
    ['yesterday', null],
    [20250310, null],
  ])('canonicalInstant(%s) is %s', (input, expected) =>
    expect(canonicalInstant(input)).toBe(expected),
  );

  it('dates must exist on the calendar', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-3-1')).toBe(false);
  });

  it('UTC days split at midnight UTC, whatever the local zone', () => {
    expect(sameUtcDay('2025-03-10T00:00:00.000Z', '2025-03-10T23:59:59.999Z')).toBe(true);
    expect(sameUtcDay('2025-03-09T23:59:59.999Z', '2025-03-10T00:00:00.000Z')).toBe(false);
    expect(utcDayNumber('2025-03-10T23:00:00.000Z') - utcDayNumber('2025-03-01')).toBe(9);
    expect(addDays('2025-03-10T09:00:00.000Z', 30)).toBe('2025-04-09T09:00:00.000Z');
  });
});
