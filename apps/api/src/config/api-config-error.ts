/** The environment is unusable; the message says which variable and why (never its value). */
export class ApiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiConfigError';
  }
}
