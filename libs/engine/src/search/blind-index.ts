import { createHmac } from 'node:crypto';
import type { SearchTerm } from './search-terms';

/** Length of a token: 128 bits of the HMAC in base64url, the same for every term. */
export const TOKEN_LENGTH = 22;

/**
 * Keyed blind index: a term becomes HMAC-SHA256(search key, kind ‖ term), so the search
 * read model holds no name or e-mail, and a copy of the database cannot be searched (or
 * names guessed from it) without the key. Equal terms give equal tokens: that is what
 * lets a query find them.
 */
export class BlindIndex {
  readonly #key: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('the search key must be at least 16 characters');
    // Its own derivation label: the same secret used elsewhere gives unrelated tokens.
    this.#key = createHmac('sha256', secret).update('account-ops search index v1').digest();
  }

  token(term: SearchTerm): string {
    return createHmac('sha256', this.#key)
      .update(`${term.kind}\u0000${term.text}`)
      .digest('base64url')
      .slice(0, TOKEN_LENGTH);
  }
}
