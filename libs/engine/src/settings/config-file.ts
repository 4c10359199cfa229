/* eslint-disable @typescript-eslint/no-require-imports -- YAML is loaded only when a file is given */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type * as Yaml from 'yaml';
import { ConfigFileError } from './setting-definition';

// Loaded on first use: every CLI run and API start pays for it only with ACCOUNT_OPS_CONFIG.
const parseYaml: typeof Yaml.parse = (text, options) =>
  (require('yaml') as typeof Yaml).parse(text, options as Yaml.ParseOptions);

/**
 * Reads the configuration file named by ACCOUNT_OPS_CONFIG: `.json` as JSON, `.yaml` /
 * `.yml` as YAML (anything else: JSON first, then YAML). The top level must be an object.
 */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigFileError(`${path} cannot be read (${code})`);
  }
  const ext = extname(path).toLowerCase();
  let parsed: unknown;
  try {
    parsed = ext === '.json' ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    const kind = ext === '.json' ? 'JSON' : 'YAML';
    throw new ConfigFileError(
      `${path} is not valid ${kind}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigFileError(`${path} must hold an object of settings at the top level`);
  }
  return parsed as Record<string, unknown>;
}
