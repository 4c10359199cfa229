import { existsSync, readFileSync } from 'node:fs';
import { ServerCpuMeter, serverTicks } from './server-cpu';

describe('ServerCpuMeter', () => {
  const linux = existsSync('/proc/self/stat');

  (linux ? it : it.skip)('counts the CPU of the processes of a name, this one included', () => {
    // This process stands in for the server: the meter finds it by its name.
    const name = readFileSync('/proc/self/comm', 'utf8').trim();
    const meter = new ServerCpuMeter(name);
    const burnt = process.cpuUsage();
    let x = 0;
    while (process.cpuUsage(burnt).user < 60_000) x += Math.sqrt(x + 1);
    const spent = meter.stop(2);
    expect(x).toBeGreaterThan(0);
    // 60 ms of this process's CPU over 2 units, at the ticks' 10 ms resolution.
    expect(spent?.serverCpuUsPerCommand).toBeGreaterThanOrEqual(20_000);
  });

  it('answers undefined when no process has the name', () => {
    expect(serverTicks('no-such-process-name')).toBeUndefined();
    expect(new ServerCpuMeter('no-such-process-name').stop(1)).toBeUndefined();
  });
});
