/**
 * CPU time and memory of a process from /proc (Linux): what the process under test
 * costs, read from outside so the harness never changes what it measures.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface ProcUsage {
  /** utime + stime of the process itself, seconds. */
  cpuSeconds: number;
  /** cutime + cstime: CPU of children it has waited for (helm, git), seconds. */
  childCpuSeconds: number;
  /** Current resident set, MiB. */
  rssMiB: number;
  /** Peak resident set (VmHWM), MiB. */
  peakRssMiB: number;
}

let ticks: number | undefined;

function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

function statusKiB(status: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** The usage of `pid`, or undefined once it has exited. */
export function readUsage(pid: number): ProcUsage | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3, "state".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hz = clockTicks();
    return {
      cpuSeconds: (utime! + stime!) / hz,
      childCpuSeconds: (cutime! + cstime!) / hz,
      rssMiB: statusKiB(status, 'VmRSS') / 1024,
      peakRssMiB: statusKiB(status, 'VmHWM') / 1024,
    };
  } catch {
    return undefined;
  }
}

/** Sums the usage of several processes (e.g. Flux's two controllers); peaks are summed too. */
export function sumUsage(usages: Array<ProcUsage | undefined>): ProcUsage {
  const zero: ProcUsage = { cpuSeconds: 0, childCpuSeconds: 0, rssMiB: 0, peakRssMiB: 0 };
  return usages.reduce<ProcUsage>(
    (acc, u) =>
      u
        ? {
            cpuSeconds: acc.cpuSeconds + u.cpuSeconds,
            childCpuSeconds: acc.childCpuSeconds + u.childCpuSeconds,
            rssMiB: acc.rssMiB + u.rssMiB,
            peakRssMiB: acc.peakRssMiB + u.peakRssMiB,
          }
        : acc,
    zero,
  );
}

/** CPU seconds spent between two readings (process plus reaped children). */
export function cpuBetween(before: ProcUsage, after: ProcUsage): { self: number; children: number } {
  return {
    self: after.cpuSeconds - before.cpuSeconds,
    children: after.childCpuSeconds - before.childCpuSeconds,
  };
}
