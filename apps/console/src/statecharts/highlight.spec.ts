import { describe, expect, it } from '@jest/globals';
import { currentStateIds, highlightedDefinition } from './highlight';

describe('statechart highlighting', () => {
  it('names the lifecycle state, the drawn refund’s state and every freeze region', () => {
    expect(
      currentStateIds({ status: 'active', freezeReasons: ['manual'], refundStatus: 'requested' }),
    ).toEqual({
      lifecycle: ['active'],
      refund: ['requested'],
      freeze: [
        'failed_logins_inactive',
        'overdue_payment_inactive',
        'compliance_inactive',
        'maintenance_inactive',
        'manual_active',
      ],
    });
    expect(currentStateIds({ status: 'closed', freezeReasons: [] }).refund).toEqual([]);
  });

  it('adds a title, a description and a class for the current states, keeping the chart', () => {
    const chart = 'stateDiagram-v2\n    [*] --> active\n    active --> closed : CLOSE';
    const marked = highlightedDefinition(chart, ['active'], 'Lifecycle');
    const lines = marked.split('\n');
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines).toContain('    accTitle: Lifecycle');
    expect(lines).toContain('    accDescr: Current: active');
    expect(lines).toContain('    active --> closed : CLOSE');
    expect(lines.at(-1)).toBe('    class active current');
  });

  it('never writes a state id that is not a plain identifier into the definition', () => {
    const marked = highlightedDefinition('stateDiagram-v2', ['ok', 'x\nclick', 'a b'], 'T');
    expect(marked).toContain('class ok current');
    expect(marked).not.toContain('click');
    expect(marked).not.toContain('a b');
  });
});
