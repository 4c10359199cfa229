/**
 * One operator setting: its name in the configuration file, its environment variable,
 * the rule it tunes, its unit, default and how a value is checked. Settings of every
 * area (business rules here; identity, webhooks, mail, checkpoints in their own files)
 * are definitions in one {@link SettingRegistry}, so the file, the environment, the
 * JSON Schema, `GET /ops/config`, `account-ops config show` and the docs table all come
 * from the same list.
 */
export interface SettingDefinition<T = unknown> {
  /** Dotted path in the configuration file, e.g. `topUp.singleMax`. */
  readonly key: string;
  /** The environment variable, e.g. `ACCOUNT_OPS_TOP_UP_SINGLE_MAX`. */
  readonly env: string;
  /** The rule it sets, for errors and docs (e.g. `largest single top-up (SPEC §2)`). */
  readonly rule: string;
  /** Unit of the value, e.g. `minor units`, `hours`, `events`. */
  readonly unit: string;
  readonly default: T;
  /** JSON Schema of the value in the configuration file. */
  readonly schema: Record<string, unknown>;
  /**
   * The value from the environment's text; throws an Error whose message says what is
   * expected (never echoing the value: it may be a secret).
   */
  parseEnv(text: string): T;
  /** The value from the file, once it passed the schema (default: as is). */
  fromFile?(value: unknown): T;
  /** Checks a value that passed the schema (cross-field sense); throws like parseEnv. */
  check?(value: T): void;
  /** Shown as `(set)` / `(not set)`, never its value. */
  readonly secret?: boolean;
  /** How to print a value (default JSON). */
  show?(value: T): string;
}

/** A setting whose value is wrong: names the setting, its variable or file key, and the rule. */
export class SettingError extends Error {
  constructor(
    readonly setting: SettingDefinition,
    readonly source: 'env' | 'file',
    problem: string,
  ) {
    const where =
      source === 'env'
        ? setting.env
        : `${setting.key} in the configuration file (ACCOUNT_OPS_CONFIG)`;
    super(`${where} (${setting.rule}): ${problem}`);
    this.name = 'SettingError';
  }
}

/** The configuration file itself is unusable (unreadable, not JSON/YAML, unknown keys). */
export class ConfigFileError extends Error {
  constructor(message: string) {
    super(`ACCOUNT_OPS_CONFIG: ${message}`);
    this.name = 'ConfigFileError';
  }
}
