/** How many hostile inputs a suite tried and how they were answered: the figures it prints. */
export class Tally {
  private readonly rows = new Map<
    string,
    { tried: number; refused: number; answered: number; serverErrors: number }
  >();

  record(family: string, status: number): void {
    const row = this.rows.get(family) ?? { tried: 0, refused: 0, answered: 0, serverErrors: 0 };
    row.tried++;
    if (status >= 500) row.serverErrors++;
    else if (status >= 400) row.refused++;
    else row.answered++;
    this.rows.set(family, row);
  }

  get tried(): number {
    return [...this.rows.values()].reduce((n, r) => n + r.tried, 0);
  }

  get serverErrors(): number {
    return [...this.rows.values()].reduce((n, r) => n + r.serverErrors, 0);
  }

  /** The figures a run reports: totals, and per family. */
  figures(): object {
    return {
      inputsTried: this.tried,
      serverErrors: this.serverErrors,
      families: Object.fromEntries([...this.rows.entries()].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}
