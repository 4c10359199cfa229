/** A clock that only moves when a test moves it. */
export class FakeClock {
  private current: number;

  constructor(start: Date | string = '2026-01-15T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }

  advanceMinutes(minutes: number): Date {
    return this.advance(minutes * 60_000);
  }

  advanceHours(hours: number): Date {
    return this.advance(hours * 3_600_000);
  }

  advanceDays(days: number): Date {
    return this.advance(days * 86_400_000);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
}
