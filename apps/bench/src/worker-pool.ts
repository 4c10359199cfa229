/**
 * Runs `work(0 … count-1)` with at most `concurrency` calls in flight, each worker taking
 * the next index when it finishes one. After a failure no new index is started; the
 * first error is rethrown once the calls in flight have settled.
 */
export async function runPool(
  concurrency: number,
  count: number,
  work: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < count) {
      const index = next++;
      try {
        await work(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  if (failure) throw failure.error;
}
