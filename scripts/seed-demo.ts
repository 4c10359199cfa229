/**
 * Creates a demo store for docs/auditing.md and for trying the CLI:
 *
 *     npx tsx --tsconfig tsconfig.json scripts/seed-demo.ts [file]   # default data/demo.db
 *     ACCOUNT_OPS_STORE=sqlite:data/demo.db npx account-ops verify --all
 *
 * Runs a fixed story (scripts/demo/demo-story.ts) through the engine with a clock that
 * starts on 2026-01-05 and moves only when the story says, and keeps the read models
 * inline as an embedding service would. Refuses to touch an existing file.
 */
import { createAccountOps } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { DEFAULT_PROJECTIONS, openReadModels } from '@account-ops/projections';
import { existsSync } from 'node:fs';
import { demoStory } from './demo/demo-story';

const START = Date.parse('2026-01-05T09:00:00.000Z');
const STEP_MS = 60_000; // each command a minute after the last, so times read naturally

async function seed(filename: string): Promise<void> {
  if (existsSync(filename)) throw new Error(`${filename} exists: remove it or pass another file`);
  let now = START;
  const clock = { now: () => new Date(now) };
  const store = new SqliteEventStore({ filename, now: clock.now });
  const readModels = openReadModels(store, { projections: DEFAULT_PROJECTIONS, now: clock.now });
  await readModels.start();
  const ops = createAccountOps({
    store,
    clock,
    // A demo secret: the fingerprints it makes mean nothing outside this file.
    cardFingerprintSecret: 'demo-card-fingerprint-secret',
  });
  let commands = 0;
  for (const step of demoStory()) {
    if (step.kind === 'advance') now += step.minutes * 60_000;
    else if (step.kind === 'deadlines') await ops.deadlines.runDue();
    else {
      // The demo's card changes stand for ones made with a verified second factor (SPEC §3).
      const stepUpVerifiedByHost = step.command.type === 'ChangeBankCard';
      await ops.execute(step.command, { stepUpVerifiedByHost });
      commands++;
      now += STEP_MS;
    }
  }
  await readModels.stop();
  await store.close();
  console.log(`seeded ${filename}: ${commands} commands, clock now ${new Date(now).toISOString()}`);
}

seed(process.argv[2] ?? 'data/demo.db').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
