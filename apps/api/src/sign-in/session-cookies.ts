import type { Request, Response } from 'express';

/**
 * The console's cookies. `Secure` always, except when the API is reached over plain http
 * on a loopback address (tests, development). Secure cookies take the `__Host-` prefix:
 * the browser then refuses one set by a sibling domain or for another path.
 */
export class SessionCookies {
  readonly secure: boolean;

  constructor(publicUrl: string) {
    this.secure = new URL(publicUrl).protocol === 'https:';
  }

  /** The session id: httpOnly, SameSite=Strict (never sent on another site's request). */
  get session(): string {
    return this.secure ? '__Host-aos-session' : 'aos-session';
  }

  /**
   * Binds a sign-in to this browser until the callback: SameSite=Lax, because the callback
   * is a top-level navigation coming back from the provider's site.
   */
  get signIn(): string {
    return this.secure ? '__Host-aos-sign-in' : 'aos-sign-in';
  }

  setSession(res: Response, id: string): void {
    this.set(res, this.session, id, 'Strict');
  }

  setSignIn(res: Response, binding: string): void {
    this.set(res, this.signIn, binding, 'Lax', 600);
  }

  clear(res: Response, name: string, sameSite: 'Strict' | 'Lax' = 'Strict'): void {
    this.set(res, name, '', sameSite, 0);
  }

  read(req: Request, name: string): string | undefined {
    return readCookie(req.headers.cookie, name);
  }

  private set(
    res: Response,
    name: string,
    value: string,
    sameSite: 'Strict' | 'Lax',
    maxAgeSeconds?: number,
  ): void {
    const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', `SameSite=${sameSite}`];
    if (this.secure) parts.push('Secure');
    if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
    res.append('Set-Cookie', parts.join('; '));
  }
}

const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** One cookie's value from a Cookie header; only the base64url values these cookies hold. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return TOKEN.test(value) ? value : undefined;
  }
  return undefined;
}
