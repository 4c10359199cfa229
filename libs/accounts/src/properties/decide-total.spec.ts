import fc from 'fast-check';
import { DomainError, ERROR_KINDS, type DomainErrorCode } from '../errors/domain-error';
import { EVENT_TYPES, type EventType } from '../events/domain-event';
import { decide } from '../decide/decide';
import { given } from '../testing/given-when-then';
import { ACCOUNT_ID, approve, context, funded, refund, topUp } from '../testing/fixtures';
import { history } from '../testing/command-arbitrary';
import { play } from '../testing/play-history';
import { COMMAND_SCHEMAS, COMMAND_TYPES } from '../validation/command-schemas';

const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (error) {
    return error;
  }
};

const states = [
  given([]).state,
  given([...funded(), refund('r1', 10), approve('r1'), topUp('t9', 5)]).state,
];
const fieldNames = [
  ...new Set(Object.values(COMMAND_SCHEMAS).flatMap((schema) => Object.keys(schema))),
];

/** Commands of a known type with any mix of well-formed and garbage fields. */
const mangled = fc.record({
  type: fc.oneof(fc.constantFrom(...COMMAND_TYPES), fc.string()),
  accountId: fc.oneof(fc.constant(ACCOUNT_ID), fc.anything()),
  actor: fc.oneof(
    fc.record({
      id: fc.constant('x'),
      roles: fc.subarray(['operator', 'approver', 'admin', 'compliance', 'auditor', 'system']),
    }),
    fc.anything(),
  ),
  fields: fc.dictionary(
    fc.constantFrom(...fieldNames),
    fc.oneof(fc.anything(), fc.string(), fc.integer(), fc.double()),
  ),
});

describe('decide refuses with DomainError and nothing else', () => {
  it('for any value at all', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...states), (command, state) => {
        expect(outcome(() => decide(state, command as never, context()))).toBeInstanceOf(
          DomainError,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('for commands with garbage in any field, in any context instant', () => {
    fc.assert(
      fc.property(
        mangled,
        fc.constantFrom(...states),
        fc.oneof(fc.constant(context().now), fc.string()),
        fc.boolean(),
        (m, state, now, stepUp) => {
          const command = { type: m.type, accountId: m.accountId, actor: m.actor, ...m.fields };
          const result = outcome(() =>
            decide(state, command as never, context({ now, stepUpVerified: stepUp })),
          );
          if (!Array.isArray(result)) expect(result).toBeInstanceOf(DomainError);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('the random histories reach every corner', () => {
  it('produce every event type and every refusal but the input checks (seeded, so stable)', () => {
    const expectedCodes = (Object.keys(ERROR_KINDS) as DomainErrorCode[]).filter(
      (c) => c !== 'VALIDATION_FAILED' && c !== 'CARD_NUMBER_IN_TEXT',
    );
    const events = new Set<EventType>();
    const codes = new Set<DomainErrorCode>();
    const covered = () => events.size === EVENT_TYPES.length && codes.size === expectedCodes.length;
    // Stops as soon as everything was seen; the bound makes a regression fail, not hang.
    for (const steps of fc.sample(history, { numRuns: 3_000, seed: 20250310 })) {
      play(steps, (driver, outcome) => {
        if (outcome instanceof DomainError) codes.add(outcome.code);
        else driver.events.forEach((e) => events.add(e.type));
      });
      if (covered()) break;
    }
    expect([...events].sort()).toEqual([...EVENT_TYPES].sort());
    expect([...codes].sort()).toEqual(expectedCodes.sort());
  });
});
