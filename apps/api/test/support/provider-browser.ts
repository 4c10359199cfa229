/**
 * The identity provider's side of a browser: its cookies, its redirects and its login form,
 * over plain HTTP — so an e2e test can take a sign-in from `/auth/login`'s redirect to the
 * callback URL the provider sends back, without a real browser.
 */
export class ProviderBrowser {
  private readonly jar = new Map<string, string>();

  /**
   * Follows the provider from `authorizeUrl` through its login form until it redirects to
   * a URL starting with `until` (the API's callback); returns that URL.
   */
  async signIn(
    authorizeUrl: string,
    until: string,
    person: { username: string; otp?: string },
  ): Promise<URL> {
    let location = await this.step(authorizeUrl);
    for (let hops = 0; !location.startsWith(until); hops++) {
      if (hops > 10) throw new Error(`the provider did not come back to ${until}: ${location}`);
      const url = new URL(location, authorizeUrl);
      if (/^\/interaction\/[^/]+$/.test(url.pathname)) {
        await this.step(url.href);
        location = await this.step(`${url.href}/login`, {
          username: person.username,
          password: `${person.username}-password`,
          otp: person.otp ?? '',
        });
      } else {
        location = await this.step(url.href);
      }
    }
    return new URL(location);
  }

  /** One request with the jar; the redirect target, or '' for a page. */
  async step(url: string, form?: Record<string, string>): Promise<string> {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form) } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(cookie)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    await response.arrayBuffer();
    return response.headers.get('location') ?? '';
  }
}
