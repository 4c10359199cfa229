import {
  countSchema,
  parseCount,
  type LoadedSettings,
  type SettingDefinition,
} from '@account-ops/engine';
import { DEFAULT_SESSION_TIMEOUTS, type SessionTimeouts } from './console-sessions';

const IDLE = 'console.session.idleMinutes';
const ABSOLUTE = 'console.session.absoluteHours';

function bounded(max: number): Pick<SettingDefinition<number>, 'schema' | 'parseEnv' | 'check'> {
  return {
    schema: { ...countSchema(), maximum: max },
    parseEnv: (text) => parseCount(text),
    check: (value) => {
      if (value > max) throw new Error(`must be at most ${max}`);
    },
  };
}

/**
 * The console session's timeouts, registered with the operating rules so they show in
 * `GET /ops/config`, the configuration file's schema and the docs like every setting.
 */
export const SESSION_SETTINGS: readonly SettingDefinition[] = [
  {
    key: IDLE,
    env: 'ACCOUNT_OPS_CONSOLE_IDLE_MINUTES',
    rule: 'console sign-in ends after this long without a request (PCI DSS 8.2.8)',
    unit: 'minutes',
    default: DEFAULT_SESSION_TIMEOUTS.idleMinutes,
    ...bounded(24 * 60),
  } as SettingDefinition<number>,
  {
    key: ABSOLUTE,
    env: 'ACCOUNT_OPS_CONSOLE_ABSOLUTE_HOURS',
    rule: 'console sign-in ends this long after it began, however active',
    unit: 'hours',
    default: DEFAULT_SESSION_TIMEOUTS.absoluteHours,
    ...bounded(7 * 24),
  } as SettingDefinition<number>,
];

export function sessionTimeoutsOf(settings: LoadedSettings): SessionTimeouts {
  return {
    idleMinutes: settings.value<number>(IDLE),
    absoluteHours: settings.value<number>(ABSOLUTE),
  };
}
