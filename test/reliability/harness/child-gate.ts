/**
 * Where clients find the API while it is being killed and restarted: `current()` resolves
 * with the base URL of a running child, waiting while there is none. Each start is a new
 * generation; a client whose request got no answer waits for a generation after the one it
 * used, so it never retries against the child that just died.
 */
export class ChildGate {
  private generation = 0;
  private url: string | undefined;
  private waiters: Array<() => void> = [];

  open(baseUrl: string): void {
    this.generation++;
    this.url = baseUrl;
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((wake) => wake());
  }

  /** Called before a kill, so a request that dies with the child is known to be a crash. */
  close(): void {
    this.url = undefined;
  }

  /** True while the child of this generation is running. */
  isUp(generation: number): boolean {
    return this.url !== undefined && this.generation === generation;
  }

  async current(after = 0): Promise<{ url: string; generation: number }> {
    while (this.url === undefined || this.generation <= after) {
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
    return { url: this.url, generation: this.generation };
  }
}
