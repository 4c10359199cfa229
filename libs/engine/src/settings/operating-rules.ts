import { InvalidAccountConfig, type AccountConfig } from '@account-ops/accounts';
import { ACCOUNT_SETTINGS, accountConfigFromSettings, settingKeyOf } from './account-settings';
import { loadSettings, type LoadedSettings } from './load-settings';
import { SettingError, type SettingDefinition } from './setting-definition';
import { SettingRegistry } from './setting-registry';

/** The business rules the API and CLI run with, and the settings they came from. */
export interface OperatingRules {
  readonly settings: LoadedSettings;
  readonly accountConfig: AccountConfig;
}

/**
 * Loads the business-rule settings (plus any `extra` definitions another area registers)
 * from ACCOUNT_OPS_CONFIG and the environment, and builds the engine's AccountConfig. A
 * value the domain refuses (say a currency it does not know) is reported against the
 * setting it came from.
 */
export function loadOperatingRules(
  env: NodeJS.ProcessEnv,
  extra: readonly SettingDefinition[] = [],
): OperatingRules {
  const registry = new SettingRegistry([...ACCOUNT_SETTINGS, ...extra]);
  const settings = loadSettings(registry, env);
  try {
    return { settings, accountConfig: accountConfigFromSettings(settings) };
  } catch (error) {
    if (!(error instanceof InvalidAccountConfig)) throw error;
    const key = settingKeyOf(error.field);
    const definition = key === undefined ? undefined : registry.get(key);
    if (!definition) throw error;
    const source = settings.source(definition.key) === 'env' ? 'env' : 'file';
    throw new SettingError(definition, source, error.message.replace(/^account config /, ''));
  }
}
