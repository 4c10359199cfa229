import { readFileSync } from 'node:fs';

/**
 * CPU time (user + kernel, ms) the process's main thread has used so far, from Linux
 * `/proc/self/task/<pid>/stat` (the main thread's id is the process id); undefined
 * elsewhere. Unlike process.cpuUsage it leaves out worker threads, and unlike wall time
 * it leaves out waiting for a core that other processes hold. Resolution: one clock tick
 * (10 ms at the usual 100 Hz).
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 (state) on.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}
