import { readFileSync } from 'node:fs';

/** What the process spent on a stretch of work, per unit of it (a command). */
export interface ProcessCost {
  /** CPU time of the whole process (every thread), user and kernel, in µs per unit. */
  readonly cpuUserUsPerCommand: number;
  readonly cpuSystemUsPerCommand: number;
  /**
   * Bytes handed to write(2) and friends, in KiB per unit (Linux `/proc/self/io`
   * `wchar`: files, temporary files and sockets alike, whether or not they reach the
   * disk); absent where that file is not readable.
   */
  readonly writtenKbPerCommand?: number;
}

/**
 * Counts the process's CPU time and bytes written from now until {@link stop}. On a
 * machine shared with other work these move far less than wall-clock rates do: another
 * process's load stretches the time a command takes, not the CPU or the bytes it costs.
 */
export class ProcessCostMeter {
  private readonly cpu = process.cpuUsage();
  private readonly written = writtenBytes();

  stop(units: number): ProcessCost {
    const cpu = process.cpuUsage(this.cpu);
    const written = writtenBytes();
    const per = (value: number, scale: number) => Math.round((value / scale / units) * 10) / 10;
    return {
      cpuUserUsPerCommand: per(cpu.user, 1),
      cpuSystemUsPerCommand: per(cpu.system, 1),
      ...(written !== undefined && this.written !== undefined
        ? { writtenKbPerCommand: per(written - this.written, 1024) }
        : {}),
    };
  }
}

/** The process's `wchar` so far, or undefined off Linux. */
function writtenBytes(): number | undefined {
  try {
    const match = /^wchar:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
