import { Controller, Inject, Logger, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError } from '../http/problem';
import { Endpoint } from '../routes/endpoint.decorator';
import { ConsoleSessions, sessionKeyOf } from './console-sessions';
import { ConsoleSignIn, safeReturnPath, type SignInMethods } from './console-sign-in';
import { OidcRelyingParty, SignInFailed } from './oidc-relying-party';
import { PERSON_VERIFIER, type PersonVerifier } from './person-verifier';
import { SignInMethodsSchema, SignOutSchema } from './sign-in.schema';
import { CONSOLE_SIGN_IN } from './sign-in.tokens';

/** Why a sign-in came back without a session: the console shows the matching sentence. */
export type SignInFailure =
  | 'SIGN_IN_NOT_STARTED'
  | 'SIGN_IN_STATE_MISMATCH'
  | 'SIGN_IN_REFUSED'
  | 'SIGN_IN_FAILED'
  | 'SIGN_IN_NOT_ALLOWED'
  | 'STEP_UP_OTHER_PERSON';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 2048 ? value : undefined;

/**
 * The console's single sign-on (backend-for-frontend, docs/security.md "Console sign-in"):
 * the API runs Authorization Code + PKCE as a confidential client, keeps the tokens in a
 * server-side session and gives the browser only an httpOnly cookie. The code, state and
 * tokens are never logged (query names outside the API's DTOs are redacted from logs).
 */
@Controller()
export class SignInController {
  private readonly log = new Logger('ConsoleSignIn');

  constructor(
    @Inject(CONSOLE_SIGN_IN) private readonly signIn: ConsoleSignIn,
    @Inject(PERSON_VERIFIER) private readonly verifyPerson: PersonVerifier,
  ) {}

  @Endpoint('signInMethods', SignInMethodsSchema)
  methods(): SignInMethods {
    return this.signIn.methods;
  }

  /** Starts a sign-in (or, with `stepUp=1`, a fresh authentication for the signed-in person). */
  @Endpoint('signIn')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const party = this.party();
    const stepUp = req.query.stepUp === '1';
    let stepUpOf: string | undefined;
    if (stepUp) {
      const id = this.signIn.cookies.read(req, this.signIn.cookies.session);
      const live = id === undefined ? undefined : await this.signIn.sessions.resolve(id);
      if (!live || !('session' in live)) {
        throw new ApiError(401, 'UNAUTHENTICATED', 'A step-up needs a signed-in console session.');
      }
      stepUpOf = sessionKeyOf(id!);
    }
    const secrets = OidcRelyingParty.newSecrets();
    const url = await this.providerCall(() => party.authorizationUrl(secrets, stepUp));
    const binding = await this.signIn.pending.start({
      ...secrets,
      returnTo: safeReturnPath(req.query.returnTo),
      ...(stepUpOf ? { stepUpOf } : {}),
    });
    this.signIn.cookies.setSignIn(res, binding);
    res.redirect(302, url);
  }

  /** The provider sends the browser back here with a code (or an error). */
  @Endpoint('signInCallback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const party = this.party();
    const cookies = this.signIn.cookies;
    const binding = cookies.read(req, cookies.signIn);
    cookies.clear(res, cookies.signIn, 'Lax');
    const pending = binding === undefined ? undefined : await this.signIn.pending.take(binding);
    const fail = (failure: SignInFailure, why: string) => {
      this.log.warn(`console sign-in failed: ${failure} (${why})`);
      res.redirect(303, `/console/sign-in?failure=${failure}`);
    };
    if (!pending) return fail('SIGN_IN_NOT_STARTED', 'no sign-in in progress in this browser');
    if (text(req.query.state) !== pending.state) {
      return fail('SIGN_IN_STATE_MISMATCH', 'the state does not match the sign-in started');
    }
    const code = text(req.query.code);
    if (!code)
      return fail('SIGN_IN_REFUSED', `the provider answered ${text(req.query.error) ?? 'no code'}`);
    let tokens;
    try {
      tokens = await party.exchange(code, pending);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      return fail('SIGN_IN_FAILED', error.message);
    }
    let person;
    try {
      person = await this.verifyPerson(tokens.accessToken);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return fail('SIGN_IN_NOT_ALLOWED', error.problem.code);
    }
    if (pending.stepUpOf) {
      const before = await this.signIn.sessions.peek(pending.stepUpOf);
      if (!before || before.person.actor.id !== person.actor.id) {
        return fail('STEP_UP_OTHER_PERSON', 'the step-up was not made by the signed-in person');
      }
      const replaced = await this.signIn.sessions.replaceTokens(pending.stepUpOf, tokens, person);
      if (!replaced) return fail('SIGN_IN_NOT_STARTED', 'the session ended during the step-up');
      this.log.log(`console step-up for ${person.actor.id}`);
    } else {
      const { id } = await this.signIn.sessions.create(tokens, person);
      cookies.setSession(res, id);
      this.log.log(`console sign-in for ${person.actor.id}`);
    }
    res.redirect(303, pending.returnTo);
  }

  /**
   * Ends the console session here and tells the console where to end it at the provider
   * (RP-initiated logout). Needs the session's CSRF token: no other site can sign you out.
   */
  @Endpoint('signOut', SignOutSchema)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const cookies = this.signIn.cookies;
    const id = cookies.read(req, cookies.session);
    if (id !== undefined) {
      const live = await this.signIn.sessions.resolve(id);
      if ('session' in live) {
        const csrf = req.headers['x-csrf-token'];
        if (
          !ConsoleSessions.csrfMatches(live.session, typeof csrf === 'string' ? csrf : undefined)
        ) {
          throw new ApiError(403, 'CSRF_TOKEN_INVALID', 'Send the session’s X-CSRF-Token header.');
        }
        await this.signIn.sessions.destroy(id);
      }
    }
    cookies.clear(res, cookies.session);
    const party = this.signIn.relyingParty;
    const after = `${party?.client.publicUrl ?? ''}/console/sign-in?signedOut=1`;
    const endSession = party ? await party.endSessionUrl(after).catch(() => null) : null;
    return { endSessionUrl: endSession };
  }

  private party(): OidcRelyingParty {
    const party = this.signIn.relyingParty;
    if (!party) {
      throw new ApiError(404, 'SIGN_IN_NOT_CONFIGURED', 'Single sign-on is not configured.');
    }
    return party;
  }

  private async providerCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      this.log.warn(`console sign-in: ${error.message}`);
      throw new ApiError(
        503,
        'IDENTITY_PROVIDER_UNAVAILABLE',
        'The identity provider cannot be reached.',
      );
    }
  }
}
