import { randomBytes } from 'node:crypto';
import type { KeyProvider } from '../privacy/key-provider';
import type { StoredEndpoint, StoredWebhookSecret } from './webhook-store';

const PREFIX = 'whsec_';

/** The context a secret is wrapped under: its endpoint (a copied secret does not unwrap elsewhere). */
const context = (endpointId: string): string => `account-ops:webhook-secret:${endpointId}`;

/**
 * Signing secrets: 32 random bytes shown once as `whsec_<base64url>` (the HMAC key is
 * that whole text), stored only wrapped by the key-encryption key (the same envelope
 * mechanism as the per-account data keys), unwrapped when signing and never logged.
 */
export class WebhookSecrets {
  readonly #cache = new Map<string, string>();

  constructor(private readonly keys: KeyProvider) {}

  /** A new secret: its text (to show once) and its sealed form (to store). */
  async create(
    endpointId: string,
    now: number,
  ): Promise<{ text: string; stored: StoredWebhookSecret }> {
    const bytes = randomBytes(32);
    const wrapped = await this.keys.wrap(bytes, context(endpointId));
    return {
      text: `${PREFIX}${bytes.toString('base64url')}`,
      stored: { wrapped, createdAt: now, expiresAt: null },
    };
  }

  /** The secrets that sign now: the current one first, then a rotated one not yet expired. */
  async signing(endpoint: StoredEndpoint, now: number): Promise<string[]> {
    const live = endpoint.secrets.filter((s) => s.expiresAt === null || s.expiresAt > now);
    return Promise.all(live.map((s) => this.open(endpoint.id, s)));
  }

  private async open(endpointId: string, secret: StoredWebhookSecret): Promise<string> {
    const cacheKey = `${endpointId}\u0000${secret.wrapped.keyId}\u0000${secret.wrapped.wrapped}`;
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    const bytes = await this.keys.unwrap(secret.wrapped, context(endpointId));
    const text = `${PREFIX}${bytes.toString('base64url')}`;
    this.#cache.set(cacheKey, text);
    return text;
  }
}
