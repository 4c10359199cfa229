import { describe, expect, it } from '@jest/globals';
import { formatDuration, slaState } from './time';

describe('ages and deadlines', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [61, '1 min 1 s'],
    [3_600, '1 h'],
    [3_660, '1 h 1 min'],
    [86_400 * 2 + 3_600 * 23, '2 d 23 h'],
  ])('%d s reads %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('counts down to a deadline and says when it has passed', () => {
    const deadline = '2026-03-05T09:00:00.000Z';
    expect(slaState(deadline, Date.parse('2026-03-05T08:00:00.000Z'))).toEqual({
      overdue: false,
      seconds: 3_600,
      label: 'due in 1 h',
    });
    expect(slaState(deadline, Date.parse('2026-03-05T09:05:00.000Z'))).toMatchObject({
      overdue: true,
      label: 'overdue by 5 min',
    });
  });
});
