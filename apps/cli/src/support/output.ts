import { createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { usageError } from './exit-codes';

/** Where a command writes its data, line by line, respecting back-pressure. */
export interface Output {
  write(text: string): Promise<void>;
  /** Flushes and closes a file; leaves stdout open. */
  close(): Promise<void>;
}

function writerFor(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  return async (text) => {
    // Waiting for 'drain' keeps a large export from piling up in memory.
    if (!stream.write(text)) await once(stream, 'drain');
  };
}

/** Standard output: the data of a command, nothing else (progress and errors go to stderr). */
export function stdoutOutput(): Output {
  return { write: writerFor(process.stdout), close: async () => undefined };
}

/**
 * A new file readable by its owner only (evidence may hold personal data). An existing
 * file is kept unless `force`: overwriting earlier evidence by accident is worse than
 * having to say so.
 */
export async function fileOutput(path: string, force: boolean): Promise<Output> {
  if (!force && existsSync(path)) throw usageError(`${path} exists (use --force to replace it)`);
  const stream = createWriteStream(path, { flags: force ? 'w' : 'wx', mode: 0o600 });
  await once(stream, 'open');
  return {
    write: writerFor(stream),
    close: async () => {
      stream.end();
      await once(stream, 'finish');
    },
  };
}
