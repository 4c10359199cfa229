import {
  createWebhooks,
  InvalidWebhookInput,
  WebhookNotFound,
  WebhookUrlRefused,
  type Webhooks,
  type WebhookSettings,
} from '@account-ops/engine';
import type { Command } from 'commander';
import { ApiConfigError } from '../../../api/src/config/api-config-error';
import { webhookDeliverySettings } from '../../../api/src/config/webhooks-config';
import { renderTable } from '../format/table';
import { action } from '../support/action';
import { ExitCode, notFound, usageError } from '../support/exit-codes';
import { positiveInteger } from '../support/option-parsers';
import { withStore, type GlobalOptions } from '../support/with-store';
import { describePass, watchDeliveries } from './webhooks-watch';

interface JsonOption {
  readonly json?: boolean;
}

/** The API's ACCOUNT_OPS_WEBHOOK_* settings: a worker delivers exactly as the API would. */
function deliverySettings(): Partial<WebhookSettings> {
  try {
    return webhookDeliverySettings(process.env);
  } catch (error) {
    if (error instanceof ApiConfigError) throw usageError(error.message);
    throw error;
  }
}

/** Runs `body` with the store's webhooks; the engine's refusals become CLI errors. */
function withWebhooks(
  globals: GlobalOptions,
  body: (webhooks: Webhooks, signal: AbortSignal) => Promise<ExitCode>,
  options: { readonly service?: boolean } = {},
): Promise<ExitCode> {
  return withStore(globals, { write: true, ...options }, async ({ store, keys, signal }) => {
    const webhooks = await createWebhooks({
      store,
      keyProvider: keys,
      settings: deliverySettings(),
    });
    try {
      return await body(webhooks, signal);
    } catch (error) {
      if (error instanceof WebhookNotFound) throw notFound(error.message);
      if (error instanceof WebhookUrlRefused || error instanceof InvalidWebhookInput) {
        throw usageError(error.message);
      }
      throw error;
    }
  });
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

/** `webhooks add | list | enable | disable | rotate | remove | deliveries | resend | replay | deliver`. */
export function registerWebhooks(program: Command): void {
  const group = program
    .command('webhooks')
    .description('signed webhook endpoints: register, inspect deliveries, re-send, replay');
  group
    .command('add <url>')
    .description('register an endpoint; prints its signing secret once')
    .requiredOption('--topics <list>', 'comma-separated event types / notification kinds, or *')
    .option('--disabled', 'register it disabled')
    .action(
      action<{ topics: string; disabled?: boolean }, [string]>((globals, options, url) =>
        withWebhooks(globals, async (w) => {
          const topics = options.topics
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean);
          print(await w.endpoints.register({ url, topics, enabled: !options.disabled }));
          return ExitCode.Ok;
        }),
      ),
    );
  group
    .command('list')
    .description('endpoints: url, topics, enabled, position')
    .option('--json', 'as JSON')
    .action(
      action<JsonOption, []>((globals, options) =>
        withWebhooks(globals, async (w) => {
          const endpoints = await w.endpoints.list();
          if (options.json) print(endpoints);
          else if (endpoints.length === 0) console.log('no webhook endpoints');
          else
            console.log(
              renderTable(
                [
                  { header: 'ID' },
                  { header: 'URL' },
                  { header: 'TOPICS' },
                  { header: 'ENABLED' },
                  { header: 'POSITION' },
                ],
                endpoints.map((e) => [
                  e.id,
                  e.url,
                  e.topics.join(','),
                  e.enabled ? 'yes' : 'no',
                  e.position,
                ]),
              ),
            );
          return ExitCode.Ok;
        }),
      ),
    );
  for (const [name, change, description] of [
    ['enable', { enabled: true }, 'resume deliveries to an endpoint'],
    ['disable', { enabled: false }, 'pause deliveries (they wait, nothing is lost)'],
    ['rotate', { rotateSecret: true }, 'a new secret (printed once); the old one signs for a day'],
  ] as const) {
    group
      .command(`${name} <id>`)
      .description(description)
      .action(
        action<object, [string]>((globals, _options, id) =>
          withWebhooks(globals, async (w) => {
            print(await w.endpoints.change(id, change));
            return ExitCode.Ok;
          }),
        ),
      );
  }
  group
    .command('remove <id>')
    .description('delete an endpoint and its deliveries')
    .action(
      action<object, [string]>((globals, _options, id) =>
        withWebhooks(globals, async (w) => {
          await w.endpoints.remove(id);
          console.log(`removed ${id}`);
          return ExitCode.Ok;
        }),
      ),
    );
  group
    .command('deliveries <id>')
    .description('deliveries, newest first, with status and last error')
    .option('--status <status>', 'pending, delivered or dead')
    .option('--limit <n>', 'how many (default 50)', positiveInteger)
    .option('--json', 'as JSON')
    .action(
      action<JsonOption & { status?: string; limit?: number }, [string]>((globals, options, id) =>
        withWebhooks(globals, async (w) => {
          if (options.status && !['pending', 'delivered', 'dead'].includes(options.status)) {
            throw usageError('--status must be pending, delivered or dead');
          }
          const rows = await w.endpoints.deliveries(id, {
            ...(options.status ? { status: options.status as 'pending' } : {}),
            ...(options.limit ? { limit: options.limit } : {}),
          });
          if (options.json) print(rows);
          else if (rows.length === 0) console.log('no deliveries');
          else
            console.log(
              renderTable(
                [
                  { header: 'ID' },
                  { header: 'ACCOUNT' },
                  { header: 'TOPIC' },
                  { header: 'STATUS' },
                  { header: 'ATTEMPTS' },
                  { header: 'LAST ERROR' },
                ],
                rows.map((d) => [
                  String(d.id),
                  d.accountId,
                  d.topic,
                  d.status,
                  String(d.attempts),
                  d.lastError ?? '',
                ]),
              ),
            );
          return ExitCode.Ok;
        }),
      ),
    );
  group
    .command('resend <id> [deliveryId]')
    .description('put one dead letter (or all of the endpoint’s) back in the queue')
    .action(
      action<object, [string, string | undefined]>((globals, _options, id, deliveryId) =>
        withWebhooks(globals, async (w) => {
          const one = deliveryId === undefined ? undefined : positiveInteger(deliveryId);
          console.log(`re-sent ${await w.endpoints.resend(id, one)}`);
          return ExitCode.Ok;
        }),
      ),
    );
  group
    .command('replay <id> <position>')
    .description('deliver every event after a global position again')
    .action(
      action<object, [string, string]>((globals, _options, id, position) =>
        withWebhooks(globals, async (w) => {
          print(await w.endpoints.replay(id, position));
          return ExitCode.Ok;
        }),
      ),
    );
  group
    .command('deliver')
    .description(
      'run one delivery pass now; --watch: a delivery worker, passes until SIGTERM or Ctrl-C',
    )
    .option('--watch', 'keep delivering (run beside APIs started with ACCOUNT_OPS_WEBHOOKS=off)')
    .option(
      '--interval-ms <n>',
      'with --watch: pause between passes (default 1000)',
      positiveInteger,
    )
    .action(
      action<{ watch?: boolean; intervalMs?: number }, []>((globals, options) => {
        if (options.intervalMs !== undefined && !options.watch) {
          throw usageError('--interval-ms goes with --watch');
        }
        if (!options.watch) {
          return withWebhooks(globals, async (w) => {
            print(await w.dispatcher.runDue());
            return ExitCode.Ok;
          });
        }
        const intervalMs = options.intervalMs ?? 1000;
        return withWebhooks(
          globals,
          async (w, signal) => {
            console.log(
              `webhooks: delivering every ${intervalMs} ms as ${w.dispatcher.owner}; ` +
                'SIGTERM or Ctrl-C stops after the current pass',
            );
            const totals = await watchDeliveries(w.dispatcher, {
              intervalMs,
              signal,
              log: (line) => console.log(line),
              warn: (line) => console.error(line),
            });
            console.log(`webhooks: stopped after ${totals.passes} passes; ${describePass(totals)}`);
            return ExitCode.Ok;
          },
          { service: true },
        );
      }),
    );
}
