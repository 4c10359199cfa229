import { sqliteStore } from '../harness/throwaway-store';
import { crashDurabilityTest } from './crash-durability-test';

describe('crash durability on SQLite (API child SIGKILLed under load)', () => {
  crashDurabilityTest({ store: 'sqlite', open: sqliteStore });
});
