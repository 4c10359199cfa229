import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessCostMeter } from './process-cost';

describe('ProcessCostMeter', () => {
  const linux = existsSync('/proc/self/io');

  (linux ? it : it.skip)('counts the bytes the process writes, per unit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cost-'));
    try {
      const meter = new ProcessCostMeter();
      for (let i = 0; i < 4; i++) writeFileSync(join(dir, `f${i}`), Buffer.alloc(64 * 1024));
      const cost = meter.stop(2);
      // 4 × 64 KiB over 2 units; anything else the process wrote meanwhile only adds.
      expect(cost.writtenKbPerCommand).toBeGreaterThanOrEqual(128);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports CPU time per unit, user and system', () => {
    const cost = new ProcessCostMeter().stop(1);
    expect(cost.cpuUserUsPerCommand).toBeGreaterThanOrEqual(0);
    expect(cost.cpuSystemUsPerCommand).toBeGreaterThanOrEqual(0);
  });
});
