/** The variable `npm start` sets to ask for development mode (package.json). */
export const DEVELOPMENT_VARIABLE = 'ACCOUNT_OPS_DEVELOPMENT';

/**
 * The environment the API entry point runs with: production unless development is asked
 * for explicitly (`NODE_ENV=development`, or `ACCOUNT_OPS_DEVELOPMENT=1` as `npm start` sets),
 * so a deployment that forgets NODE_ENV fails closed — configured keys required, weak or
 * sample secrets refused — instead of printing generated keys. `NODE_ENV=production` wins
 * over the development flag.
 */
export function withRunMode(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const development =
    env.NODE_ENV !== 'production' &&
    (env.NODE_ENV === 'development' || env[DEVELOPMENT_VARIABLE]?.trim() === '1');
  return { ...env, NODE_ENV: development ? 'development' : 'production' };
}
