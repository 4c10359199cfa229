import { Controller, Inject, Optional } from '@nestjs/common';
import type { AccountConfig } from '@account-ops/accounts';
import {
  ACCOUNT_SETTINGS,
  describeAccountConfig,
  type EffectiveSettingRow,
  type LoadedSettings,
} from '@account-ops/engine';
import { API_ACCOUNT_CONFIG, API_SETTINGS } from '../app/tokens';
import { Endpoint } from '../routes/endpoint.decorator';
import { OpsConfigSchema } from './ops-config.schema';

/** `GET /ops/config`: what the service runs with. */
export interface OpsConfigView {
  readonly precedence: string;
  /** The ACCOUNT_OPS_CONFIG file in use, or null. */
  readonly file: string | null;
  readonly settings: readonly EffectiveSettingRow[];
}

const BUSINESS_KEYS = new Set(ACCOUNT_SETTINGS.map((s) => s.key));

/**
 * The effective configuration (admin, auditor): every setting, its value, unit, default
 * and source. Business rules are rendered from the AccountConfig the engine runs with;
 * other areas' settings from the loaded settings. Secrets show only as `(set)`.
 */
@Controller()
export class OpsConfigController {
  constructor(
    @Inject(API_ACCOUNT_CONFIG) private readonly config: AccountConfig,
    @Optional() @Inject(API_SETTINGS) private readonly settings: LoadedSettings | null,
  ) {}

  @Endpoint('opsConfig', OpsConfigSchema)
  get(): OpsConfigView {
    const settings = this.settings ?? null;
    const rules = describeAccountConfig(
      this.config,
      settings ? (key) => settings.source(key) : undefined,
    );
    const others = (settings?.effective() ?? []).filter((row) => !BUSINESS_KEYS.has(row.key));
    return {
      precedence: 'environment variable > configuration file (ACCOUNT_OPS_CONFIG) > default',
      file: settings?.file ?? null,
      settings: [...rules, ...others],
    };
  }
}
