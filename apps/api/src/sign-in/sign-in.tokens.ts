/** Provider token for the app's ConsoleSignIn (sessions, pending sign-ins, cookies, the OIDC client). */
export const CONSOLE_SIGN_IN = Symbol('CONSOLE_SIGN_IN');
