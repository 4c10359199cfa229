import type { AccountOps } from '@account-ops/engine';
import { guessLanguage, type ContactLookup } from './smtp-notification-sender';

/**
 * Contacts from the account itself: the owner's e-mail address (unsealed by the engine
 * on load) and a language guessed from it ({@link guessLanguage}). An erased or unknown
 * account has none.
 */
export function accountContacts(ops: () => AccountOps | undefined): ContactLookup {
  return async (accountId) => {
    const engine = ops();
    if (!engine) throw new Error('the engine is not ready yet');
    const { state, version } = await engine.load(accountId);
    const email = state.owner?.email;
    if (version === 0 || !email || !email.includes('@')) return undefined;
    return {
      email,
      language: guessLanguage(state.owner?.name ?? null, state.currency),
      ...(state.currency ? { currency: state.currency } : {}),
    };
  };
}
