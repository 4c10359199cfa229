import { freezeMachine } from '../machines/freeze.machine';
import { lifecycleMachine } from '../machines/lifecycle.machine';
import { refundMachine } from '../machines/refund.machine';
import { machineToMermaid } from './mermaid';

/** The three lifecycles of an account, by name. */
export const STATECHART_NAMES = ['lifecycle', 'refund', 'freeze'] as const;
export type StatechartName = (typeof STATECHART_NAMES)[number];

const MACHINES = { lifecycle: lifecycleMachine, refund: refundMachine, freeze: freezeMachine };

/**
 * Each machine as a Mermaid `stateDiagram-v2`: the one source of the diagrams in
 * docs/domain.md and of those the ops console draws (bundled at its build).
 */
export function statechartDefinitions(): Record<StatechartName, string> {
  return {
    lifecycle: machineToMermaid(MACHINES.lifecycle),
    refund: machineToMermaid(MACHINES.refund),
    freeze: machineToMermaid(MACHINES.freeze),
  };
}
