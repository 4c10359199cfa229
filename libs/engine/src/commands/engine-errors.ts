/** The account kept changing under the command: every retry lost the race. Maps to 409. */
export class ConcurrencyConflict extends Error {
  readonly code = 'VERSION_CONFLICT';
  readonly kind = 'conflict';
  constructor(
    readonly accountId: string,
    readonly attempts: number,
  ) {
    super(`account ${accountId} changed concurrently; gave up after ${attempts} attempts`);
    this.name = 'ConcurrencyConflict';
  }
}
