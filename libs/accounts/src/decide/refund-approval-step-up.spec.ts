import { accountConfig } from '../config/account-config';
import { stepUpRequirement } from '../policies/step-up.policy';
import { verify, type Case } from '../testing/given-when-then';
import { ADMIN, APPROVER, approve, funded, refund } from '../testing/fixtures';

const config = accountConfig({ refundApprovalStepUpAbove: 10_000 });
const makerAlsoChecker = { id: 'op-1', roles: ['operator' as const, 'approver' as const] };

describe('refund approval step-up (refundApprovalStepUpAbove; off by default as in SPEC)', () => {
  const cases: Case[] = [
    {
      name: 'approving a refund above refundApprovalStepUpAbove without a second factor is STEP_UP_REQUIRED',
      given: [...funded(), refund('r1', 10_001)],
      when: approve('r1'),
      context: { config },
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'ApproveRefund' } },
    },
    {
      name: 'approving a refund above refundApprovalStepUpAbove with a verified second factor approves it',
      given: [...funded(), refund('r1', 10_001)],
      when: approve('r1'),
      context: { config, stepUpVerified: true },
      then: {
        events: [
          { type: 'RefundApproved', data: { stepUpVerified: true } },
          { type: 'RefundPayoutStarted' },
        ],
      },
    },
    {
      name: 'approving a refund at refundApprovalStepUpAbove needs no second factor',
      given: [...funded(), refund('r1', 10_000)],
      when: approve('r1'),
      context: { config },
      then: {
        events: [
          { type: 'RefundApproved', data: { stepUpVerified: false } },
          { type: 'RefundPayoutStarted' },
        ],
      },
    },
    {
      name: 'with the default configuration no approval needs a second factor',
      given: [...funded(), refund('r1', 90_000)],
      when: approve('r1'),
      then: { events: [{ type: 'RefundApproved' }, { type: 'RefundPayoutStarted' }] },
    },
    {
      name: 'maker-checker is refused before a second factor is asked for',
      given: [...funded(), refund('r1', 50_000, makerAlsoChecker)],
      when: approve('r1', makerAlsoChecker),
      context: { config },
      then: { error: 'MAKER_CHECKER_VIOLATION' },
    },
    {
      name: 'an approval of an already decided refund is INVALID_TRANSITION, not STEP_UP_REQUIRED',
      given: [...funded(), refund('r1', 50_000), { command: approve('r1'), context: { config } }],
      when: approve('r1'),
      context: { config },
      then: { error: 'INVALID_TRANSITION' },
    },
  ];
  it.each(cases)('$name', verify);

  it('stepUpRequirement states the rule a client can ask for a code with', () => {
    expect(stepUpRequirement('ApproveRefund', APPROVER, config)).toEqual({ above: 10_000 });
    expect(stepUpRequirement('ApproveRefund', APPROVER, accountConfig())).toBe('never');
    expect(stepUpRequirement('ChangeBankCard', APPROVER, config)).toBe('always');
    expect(stepUpRequirement('ChangeBankCard', ADMIN, config)).toBe('always');
    expect(stepUpRequirement('InitiateTopUp', APPROVER, config)).toEqual({ above: 1_000_000 });
    expect(stepUpRequirement('InitiateTopUp', ADMIN, config)).toBe('never');
  });
});
