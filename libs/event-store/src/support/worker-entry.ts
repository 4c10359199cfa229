import { join } from 'node:path';

/**
 * A worker thread's entry file beside the module that starts it: the TypeScript file
 * through tsx when that module runs from source (the CLI, the bench, the tests), the
 * compiled file otherwise (the production build).
 */
export function workerEntry(
  startingFile: string,
  dir: string,
  name: string,
): { file: string; execArgv: string[] } {
  // A profiled run (node --cpu-prof …) profiles its workers too.
  const profiling = process.execArgv.filter((arg) => arg.startsWith('--cpu-prof'));
  if (startingFile.endsWith('.ts')) {
    return {
      file: join(dir, `${name}.ts`),
      execArgv: [...profiling, '--require', require.resolve('tsx/cjs')],
    };
  }
  return { file: join(dir, `${name}.js`), execArgv: profiling };
}
