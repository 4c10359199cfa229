import { cell, renderFields, renderTable } from './table';
import { formatDuration, formatElapsed, formatLagSeconds } from './time';

describe('text tables', () => {
  it('pads columns, right-aligns numbers and trims trailing space', () => {
    const text = renderTable(
      [{ header: 'ID' }, { header: 'AMOUNT', align: 'right' }, { header: 'NOTE' }],
      [
        ['r1', 4000, 'first'],
        ['refund-22', 5, null],
      ],
    );
    expect(text).toBe(
      [
        'ID         AMOUNT  NOTE',
        '---------  ------  -----',
        'r1           4000  first',
        'refund-22       5  -',
      ].join('\n'),
    );
  });

  it('never lets stored text move the cursor or forge a line', () => {
    expect(cell('ok\nTAMPERED stream x\u001b[2K')).toBe('ok?TAMPERED stream x?[2K');
    expect(cell(undefined)).toBe('-');
    expect(cell(false)).toBe('false');
  });

  it('aligns key/value fields', () => {
    expect(
      renderFields([
        ['status', 'active'],
        ['held', 0],
      ]),
    ).toBe('  status  active\n  held    0');
  });
});

describe('durations', () => {
  it.each([
    [42, '0.042 s'],
    [12_340, '12.3 s'],
    [245_000, '4 min 05 s'],
  ])('elapsed %d ms is %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));

  it.each([
    [45_000, '45 s'],
    [200_000, '3 min 20 s'],
    [7_500_000, '2 h 05 min'],
    [-(4 * 86_400_000 + 3 * 3_600_000), '4 d 3 h'],
  ])('duration %d ms is %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('shows lag with a decimal under a minute', () => {
    expect(formatLagSeconds(0)).toBe('0.0');
    expect(formatLagSeconds(1.26)).toBe('1.3');
    expect(formatLagSeconds(125.4)).toBe('125');
  });
});
