import {
  ConfigFileError,
  describeAccountConfig,
  loadOperatingRules,
  SettingError,
  type EffectiveSettingRow,
} from '@account-ops/engine';
import type { Command } from 'commander';
// The API's own settings (sign-in through the identity provider), shown beside the rules.
import { OIDC_SETTINGS } from '../../../api/src/config/oidc-settings';
import { renderTable } from '../format/table';
import { action } from '../support/action';
import { CliError, ExitCode } from '../support/exit-codes';

interface ShowOptions {
  readonly json?: boolean;
}

const PRECEDENCE = 'environment variable > configuration file (ACCOUNT_OPS_CONFIG) > default';

/**
 * `config show`: the operating rules (and the API's OIDC settings) as the API would run with them here (the same
 * ACCOUNT_OPS_CONFIG and variables), with where each value came from. No store needed; a
 * bad value is a usage error naming the setting and the rule.
 */
export function registerConfig(program: Command): void {
  const group = program
    .command('config')
    .description('operating rules: limits, thresholds, SLA, windows (docs/operations.md)');
  group
    .command('show')
    .description(`the effective configuration and each value's source (${PRECEDENCE})`)
    .option('--json', 'as JSON (the same shape as GET /ops/config)')
    .action(
      action<ShowOptions, []>(async (_globals, options) => {
        const { rows, file } = effective();
        if (options.json) {
          console.log(JSON.stringify({ precedence: PRECEDENCE, file, settings: rows }, null, 2));
        } else {
          console.log(renderConfig(rows, file));
        }
        return ExitCode.Ok;
      }),
    );
}

function effective(): { rows: EffectiveSettingRow[]; file: string | null } {
  try {
    const rules = loadOperatingRules(process.env, OIDC_SETTINGS);
    const rows: EffectiveSettingRow[] = describeAccountConfig(rules.accountConfig, (key) =>
      rules.settings.source(key),
    );
    const shown = new Set(rows.map((row) => row.key));
    rows.push(...rules.settings.effective().filter((row) => !shown.has(row.key)));
    return { rows, file: rules.settings.file ?? null };
  } catch (error) {
    if (error instanceof SettingError || error instanceof ConfigFileError) {
      throw new CliError(ExitCode.Usage, error.message);
    }
    throw error;
  }
}

/** One row a setting: file key, variable, value, unit, source. */
export function renderConfig(rows: readonly EffectiveSettingRow[], file: string | null): string {
  const table = renderTable(
    [
      { header: 'SETTING' },
      { header: 'VARIABLE' },
      { header: 'VALUE' },
      { header: 'UNIT' },
      { header: 'SOURCE' },
    ],
    rows.map((row) => [row.key, row.env, row.text, row.unit, row.source]),
  );
  return `${table}\nconfiguration file: ${file ?? '(none; ACCOUNT_OPS_CONFIG not set)'}\nprecedence: ${PRECEDENCE}`;
}
