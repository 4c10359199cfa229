import type { Command } from 'commander';
import { newApiKey } from '../api-keys/new-api-key';
import { action } from '../support/action';
import { ExitCode } from '../support/exit-codes';
import { isoInstant } from '../support/option-parsers';

interface GenerateOptions {
  readonly actor: string;
  readonly role: string[];
  readonly expires?: Date;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * `api-keys generate`: a new key, printed once with its ACCOUNT_OPS_API_KEYS entry (the
 * key's SHA-256). Needs no store: nothing is written anywhere.
 */
export function registerApiKeys(program: Command): void {
  const group = program
    .command('api-keys')
    .description('API keys for integrations (configured as hashes in ACCOUNT_OPS_API_KEYS)');
  group
    .command('generate')
    .description('generate a key; prints the key once and the configuration entry to add')
    .requiredOption('--actor <id>', 'the actor id the key stands for, e.g. payment-gateway')
    .requiredOption(
      '--role <role>',
      'a role (repeatable): payment_gateway, identity_provider, billing, scheduler, …',
      collect,
    )
    .option('--expires <iso>', 'the key stops working at this instant', isoInstant)
    .action(
      action<GenerateOptions, []>((_globals, options) => {
        const { key, configLine } = newApiKey(options.actor, options.role, options.expires);
        console.log(
          [
            `key (shown once; give it to the integration, store it nowhere else):`,
            `  ${key}`,
            `ACCOUNT_OPS_API_KEYS entry (holds only the key's SHA-256):`,
            `  ${configLine}`,
          ].join('\n'),
        );
        return Promise.resolve(ExitCode.Ok);
      }),
    );
}
