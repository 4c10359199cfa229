import { generate } from 'otplib';
import { OPERATOR_TOTP_SECRET } from './actors';
import type { TestApi } from './test-api';

/** An API under test with its fake clock (TestApi, or the reliability suites' API). */
type WithClock = Pick<TestApi, 'clock'>;

/** The code the operator's authenticator shows at the API's (fake) time. */
export function operatorCode(t: WithClock): Promise<string> {
  return generate({
    secret: OPERATOR_TOTP_SECRET,
    epoch: Math.floor(t.clock.now().getTime() / 1000),
  });
}

/**
 * The operator's code after the fake clock moved on one 30 s time step: a code is accepted
 * once per step, so each further card change of a test needs the next one (SPEC §3: every
 * card change needs a verified second factor).
 */
export function nextOperatorCode(t: WithClock): Promise<string> {
  t.clock.advance(30_000);
  return operatorCode(t);
}
