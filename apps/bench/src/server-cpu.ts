import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/stat` times: 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time the database server's processes on this machine spent over a stretch of work,
 * per unit (a command). On a machine where the server shares the cores with the
 * application, throughput is bounded by the two together: this is the server's side of
 * that bill, which a process's own `cpuUsage` cannot see. Linux only, and only a server on
 * this machine (processes named `postgres`); it counts every client's work, so it means
 * something only when nothing else uses the server.
 */
export class ServerCpuMeter {
  private readonly start: number | undefined;

  constructor(private readonly name = 'postgres') {
    this.start = serverTicks(name);
  }

  /** µs of server CPU per unit, or undefined when no such process is visible. */
  stop(units: number): { serverCpuUsPerCommand: number } | undefined {
    const end = serverTicks(this.name);
    if (this.start === undefined || end === undefined) return undefined;
    const us = ((end - this.start) / TICKS_PER_SECOND) * 1e6;
    return { serverCpuUsPerCommand: Math.round((us / units) * 10) / 10 };
  }
}

/**
 * User + system ticks of every running process called `name`, children already waited
 * for included (a server's exited backends count towards the postmaster's `cutime`).
 */
export function serverTicks(name: string): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  let ticks = 0;
  let found = false;
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // `pid (comm) state ppid …`: comm may hold spaces, so split after its closing paren.
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue;
      const fields = stat.slice(close + 2).split(' ');
      // Fields 14–17 of stat(5) (utime, stime, cutime, cstime) are 11–14 after `state`.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      found = true;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found ? ticks : undefined;
}
