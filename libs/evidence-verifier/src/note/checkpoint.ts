/** The body of a C2SP tlog-checkpoint: origin, tree size, root hash, extension lines. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  /** Optional extension lines (this log writes one: `time <ISO-8601>`). */
  readonly extensions: readonly string[];
}

/** The checkpoint text that is signed: one line each, every line ending in LF. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (checkpoint.root.length !== 32) throw new Error('a root hash has 32 bytes');
  const lines = [
    checkpoint.origin,
    String(checkpoint.size),
    Buffer.from(checkpoint.root).toString('base64'),
    ...checkpoint.extensions,
  ];
  for (const line of lines) {
    if (line.length === 0 || line.includes('\n')) throw new Error('checkpoint lines are non-empty');
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** Parses a checkpoint's (verified) text; throws on anything tlog-checkpoint forbids. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new Error('a checkpoint ends with a newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || size === undefined || root === undefined) {
    throw new Error('a checkpoint has an origin, a tree size and a root hash line');
  }
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new Error(`the tree size ${JSON.stringify(size)} is not a decimal number`);
  }
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root) {
    throw new Error('the root hash is not 32 bytes of standard base64');
  }
  if (extensions.some((line) => line.length === 0))
    throw new Error('a checkpoint has no empty lines');
  return { origin, size: Number(size), root: rootBytes, extensions };
}
