export { ConfigFileError, SettingError, type SettingDefinition } from './setting-definition';
export { SettingRegistry } from './setting-registry';
export {
  loadSettings,
  type EffectiveSetting,
  type LoadedSettings,
  type SettingSource,
} from './load-settings';
export {
  ACCOUNT_SETTINGS,
  accountConfigFromSettings,
  describeAccountConfig,
  type EffectiveSettingRow,
} from './account-settings';
export { loadOperatingRules, type OperatingRules } from './operating-rules';
export * from './setting-values';
