/** The variable that asks for development mode. */
export const DEVELOPMENT_VARIABLE = 'ACCOUNT_OPS_DEVELOPMENT';
/** The flag `npm start` passes to ask for development mode (package.json). */
export const DEVELOPMENT_FLAG = '--development';

/**
 * The environment the API entry point runs with: production unless development is asked
 * for explicitly (`NODE_ENV=development`, `ACCOUNT_OPS_DEVELOPMENT=1`, or the `--development`
 * flag `npm start` passes),
 * so a deployment that forgets NODE_ENV fails closed — configured keys required, weak or
 * sample secrets refused — instead of printing generated keys. `NODE_ENV=production` wins
 * over the development flag.
 */
export function withRunMode(
  env: NodeJS.ProcessEnv,
  argv: readonly string[] = [],
): NodeJS.ProcessEnv {
  const development =
    env.NODE_ENV !== 'production' &&
    (env.NODE_ENV === 'development' ||
      env[DEVELOPMENT_VARIABLE]?.trim() === '1' ||
      argv.includes(DEVELOPMENT_FLAG));
  return { ...env, NODE_ENV: development ? 'development' : 'production' };
}
