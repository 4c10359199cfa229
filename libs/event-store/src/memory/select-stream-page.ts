import type { RecordedEvent } from '../port/envelope';
import type { ReadStreamOptions } from '../port/event-store';

/** Applies fromVersion / maxCount / direction to a whole stream held in memory. */
export function selectStreamPage(
  stream: readonly RecordedEvent[],
  options: ReadStreamOptions,
): RecordedEvent[] {
  const max = options.maxCount ?? stream.length;
  if (options.direction === 'backwards') {
    const from = Math.min(options.fromVersion ?? stream.length, stream.length);
    return stream.slice(Math.max(0, from - max), from).reverse();
  }
  const from = options.fromVersion ?? 1;
  return stream.slice(from - 1, from - 1 + max);
}
