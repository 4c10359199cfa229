import fc from 'fast-check';
import type { Actor } from '../actors/roles';
import type { Command } from '../commands/command';
import type { AccountState } from '../state/account-state';
import {
  ADMIN,
  APPROVER,
  APPROVER_2,
  AUDITOR,
  COMPLIANCE,
  OPERATOR,
  OPERATOR_2,
  SYSTEM,
  command,
} from './fixtures';
import { INTENTS, cardCommand, intent, openCommand, validPan, type Intent } from './intents';

export { validPan };

const MAKER_CHECKER: Actor = { id: 'op-1', roles: ['operator', 'approver'] };
const anyActor = fc.constantFrom(
  ...[
    OPERATOR,
    OPERATOR_2,
    APPROVER,
    APPROVER_2,
    ADMIN,
    SYSTEM,
    COMPLIANCE,
    AUDITOR,
    MAKER_CHECKER,
  ],
);

/** A step of a random history: what to send, the minutes before it, and the second factor. */
export type Step = {
  intent: Intent;
  actor: Actor | null;
  minutes: number;
  stepUpVerified: boolean;
};

export const step: fc.Arbitrary<Step> = fc.record({
  intent: fc.oneof(...INTENTS),
  // One command in ten comes from a random actor, to cross role boundaries.
  actor: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anyActor }),
  // Mostly minutes apart; sometimes days, so SLAs, windows and retention expire.
  minutes: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 * 24 * 60 }) },
  ),
  stepUpVerified: fc.boolean(),
});

/** The command a step sends to an account in `state`. */
export function commandOf(s: Step, state: AccountState): Command {
  const sent = s.intent(state);
  return s.actor ? { ...sent, actor: s.actor } : sent;
}

const setup = (label: string, sent: Command): Step => ({
  intent: intent(label, () => sent),
  actor: null,
  minutes: 0,
  stepUpVerified: true,
});

const opening = (pan: string): Step[] => [
  setup('open', openCommand),
  setup(`card ${pan}`, cardCommand(pan)),
  setup(
    'fund',
    command('InitiateTopUp', {
      topUpId: 'seed',
      amount: 2_500,
      method: 'card',
      paymentReference: 'seed',
    }),
  ),
  setup('settle', command('SettleTopUp', { topUpId: 'seed' })),
];

/** Histories that mostly (nine in ten) start with an open, funded account holding a card. */
export const history: fc.Arbitrary<Step[]> = fc
  .tuple(fc.integer({ min: 0, max: 9 }), validPan, fc.array(step, { maxLength: 40, size: 'max' }))
  .map(([dice, pan, steps]) => (dice > 0 ? [...opening(pan), ...steps] : steps));
