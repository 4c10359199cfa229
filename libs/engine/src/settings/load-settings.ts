/* eslint-disable @typescript-eslint/no-require-imports -- ajv is loaded only when a file is given */
import type AjvType from 'ajv';
import type { ErrorObject } from 'ajv';
import { readConfigFile } from './config-file';
import { ConfigFileError, SettingError, type SettingDefinition } from './setting-definition';
import type { SettingRegistry } from './setting-registry';

/** Where a setting's effective value came from. Precedence: env over file over default. */
export type SettingSource = 'default' | 'file' | 'env';

/** One row of the effective configuration (`GET /ops/config`, `account-ops config show`). */
export interface EffectiveSetting {
  readonly key: string;
  readonly env: string;
  readonly rule: string;
  readonly unit: string;
  /** The value as JSON; `(set)` / `(not set)` for secrets. */
  readonly value: unknown;
  /** The value in the environment variable's syntax. */
  readonly text: string;
  readonly default: string;
  readonly source: SettingSource;
}

/** Settings resolved from defaults, ACCOUNT_OPS_CONFIG and the environment. */
export interface LoadedSettings {
  value<T>(key: string): T;
  source(key: string): SettingSource;
  /** The file in use, if any. */
  readonly file?: string;
  /** Every setting's effective value, secrets hidden. */
  effective(): EffectiveSetting[];
}

function fileValueAt(file: Record<string, unknown>, key: string): unknown {
  let node: unknown = file;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Ajv's first complaint as a SettingError (naming the setting) or a ConfigFileError. */
function fileSchemaError(registry: SettingRegistry, error: ErrorObject): Error {
  const path = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'additionalProperties') {
    const unknown = [...path, String(error.params.additionalProperty)].join('.');
    return new ConfigFileError(`unknown setting ${unknown} (see docs/operations.md)`);
  }
  for (let n = path.length; n > 0; n--) {
    const definition = registry.get(path.slice(0, n).join('.'));
    if (definition) {
      const problem = error.message ?? 'is invalid';
      return new SettingError(definition, 'file', `${problem} (${describe(definition)})`);
    }
  }
  return new ConfigFileError(
    `${path.join('.') || 'the top level'} ${error.message ?? 'is invalid'}`,
  );
}

function describe(definition: SettingDefinition): string {
  return `${definition.unit}; default ${show(definition, definition.default)}`;
}

function show(definition: SettingDefinition, value: unknown): string {
  if (definition.secret) return value === undefined || value === '' ? '(not set)' : '(set)';
  if (definition.show) return definition.show(value as never);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Resolves every registered setting: the default, overridden by the configuration file
 * (`ACCOUNT_OPS_CONFIG`, JSON or YAML, checked against the registry's JSON Schema),
 * overridden by the setting's environment variable. The first bad value throws a
 * {@link SettingError} naming the setting, where it came from and the rule it sets.
 */
export function loadSettings(registry: SettingRegistry, env: NodeJS.ProcessEnv): LoadedSettings {
  const path = env.ACCOUNT_OPS_CONFIG?.trim() || undefined;
  const file = path ? readConfigFile(path) : {};
  if (path) {
    // Loaded on first use: without ACCOUNT_OPS_CONFIG nothing needs a schema validator.
    const Ajv = (require('ajv') as { default: typeof AjvType }).default;
    const ajv = new Ajv({ allErrors: false, strict: false });
    const validate = ajv.compile(registry.fileSchema());
    if (!validate(file)) throw fileSchemaError(registry, (validate.errors ?? [])[0] as ErrorObject);
  }
  const values = new Map<string, unknown>();
  const sources = new Map<string, SettingSource>();
  for (const definition of registry.all()) {
    let value = definition.default;
    let source: SettingSource = 'default';
    const fromFile = fileValueAt(file, definition.key);
    if (fromFile !== undefined) {
      value = definition.fromFile ? definition.fromFile(fromFile) : fromFile;
      source = 'file';
    }
    const text = env[definition.env];
    if (text !== undefined && text.trim() !== '') {
      try {
        value = definition.parseEnv(text);
      } catch (error) {
        throw new SettingError(definition, 'env', (error as Error).message);
      }
      source = 'env';
    }
    try {
      definition.check?.(value as never);
    } catch (error) {
      throw new SettingError(
        definition,
        source === 'env' ? 'env' : 'file',
        (error as Error).message,
      );
    }
    values.set(definition.key, value);
    sources.set(definition.key, source);
  }
  return {
    ...(path ? { file: path } : {}),
    value: <T>(key: string) => {
      if (!values.has(key)) throw new Error(`no setting ${key} is registered`);
      return values.get(key) as T;
    },
    source: (key) => sources.get(key) ?? 'default',
    effective: () =>
      registry.all().map((definition) => {
        const value = values.get(definition.key);
        return {
          key: definition.key,
          env: definition.env,
          rule: definition.rule,
          unit: definition.unit,
          value: definition.secret ? show(definition, value) : value,
          text: show(definition, value),
          default: show(definition, definition.default),
          source: sources.get(definition.key) ?? 'default',
        };
      }),
  };
}
