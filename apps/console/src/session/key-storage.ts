const KEY = 'account-ops.console.api-key';

/**
 * The API key lives in sessionStorage: gone when the tab closes, never in a URL, a cookie
 * or localStorage, and never logged.
 */
export const keyStorage = {
  read(): string | null {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  write(apiKey: string): void {
    sessionStorage.setItem(KEY, apiKey);
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};
