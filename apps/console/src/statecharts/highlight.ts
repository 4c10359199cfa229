/** The statecharts of one account, and the states it is in. */
export type StatechartName = 'lifecycle' | 'refund' | 'freeze';

export const FREEZE_REASONS = [
  'failed_logins',
  'overdue_payment',
  'compliance',
  'maintenance',
  'manual',
] as const;

/** What the highlighting needs to know about an account. */
export interface MachineStates {
  readonly status: string;
  readonly freezeReasons: readonly string[];
  /** The refund drawn on the refund chart, if the account has one. */
  readonly refundStatus?: string;
}

/** The state ids (as in the generated Mermaid) an account is in, per chart. */
export function currentStateIds(states: MachineStates): Record<StatechartName, string[]> {
  return {
    lifecycle: [states.status],
    refund: states.refundStatus ? [states.refundStatus] : [],
    freeze: FREEZE_REASONS.map(
      (reason) => `${reason}_${states.freezeReasons.includes(reason) ? 'active' : 'inactive'}`,
    ),
  };
}

const STATE_ID = /^[a-z][a-z0-9_]*$/;

/**
 * The generated definition with an accessible title and description and the current
 * states marked with a `current` class (Mermaid's `classDef` and `class` statements), so
 * the chart itself is untouched and only gains a highlight.
 */
export function highlightedDefinition(
  definition: string,
  currentIds: readonly string[],
  title: string,
): string {
  const ids = currentIds.filter((id) => STATE_ID.test(id));
  const [header, ...body] = definition.split('\n');
  const description = ids.length > 0 ? `Current: ${ids.join(', ')}` : 'No current state';
  return [
    header,
    `    accTitle: ${title}`,
    `    accDescr: ${description}`,
    ...body,
    '    classDef current fill:#ffe08a,stroke:#7a4d00,stroke-width:3px,color:#1b1b1b,font-weight:bold',
    ...(ids.length > 0 ? [`    class ${ids.join(',')} current`] : []),
  ].join('\n');
}
