/** One column of a text table; numbers read best right-aligned. */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

// Stored text could carry control characters (a tampered row, an old import): they must
// not move the cursor or forge extra lines in an auditor's terminal.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** A cell as printed: control characters shown as `?`, null/undefined as `-`. */
export function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  return String(value).replace(CONTROL, '?');
}

/**
 * A plain table: a header, a dashed rule, one line per row, columns two spaces apart,
 * no trailing spaces. Plain ASCII so it pastes into tickets and diffs cleanly.
 */
export function renderTable(
  columns: readonly Column[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
): string {
  const texts = rows.map((row) => columns.map((_, i) => cell(row[i])));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...texts.map((row) => row[i]!.length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) =>
        columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...texts.map(line),
  ].join('\n');
}

/** `key  value` lines with the keys padded to one width. */
export function renderFields(
  fields: ReadonlyArray<readonly [string, string | number | boolean | null | undefined]>,
  indent = '  ',
): string {
  const width = Math.max(0, ...fields.map(([k]) => k.length));
  return fields.map(([k, v]) => `${indent}${k.padEnd(width)}  ${cell(v)}`).join('\n');
}
