import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (100 on every Linux we know, but ask). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A field of /proc/<pid>/status in MB (VmRSS: resident now, VmHWM: the peak so far). */
export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** User + system CPU time the process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLK_TCK;
}

/** CPU used by the process over `ms`, as a percentage of one core. */
export async function cpuPercentOver(pid: number, ms: number): Promise<number> {
  const before = cpuMs(pid);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const elapsed = performance.now() - started;
  return ((cpuMs(pid) - before) / elapsed) * 100;
}

/**
 * Time the process's main thread (the event loop) was ready to run but waited for a CPU, in ms
 * (/proc/<pid>/schedstat, second field). On a shared machine this tells "slow" from "starved".
 */
export function runQueueWaitMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
  return Number(fields[1]) / 1e6;
}

/** CPU time the whole machine spent busy so far (every core; /proc/stat, idle and iowait excluded), in ms. */
export function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLK_TCK;
}

/**
 * CPU used over a phase by the processes under test and by everything else on the machine (other
 * people's tests, say): on a shared machine the second number tells whether the run was starved.
 */
export class CpuWindow {
  private readonly machineAt = machineBusyMs();
  private readonly startedAt = performance.now();
  private readonly ours: Map<number, number>;

  /** `pids`: the server and the load generators; this bench's own process is added. */
  constructor(pids: number[]) {
    this.ours = new Map([process.pid, ...pids].map((pid) => [pid, cpuMs(pid)]));
  }

  end(): { wallMs: number; oursMs: number; otherMs: number } {
    let oursMs = 0;
    for (const [pid, before] of this.ours) {
      try {
        oursMs += cpuMs(pid) - before;
      } catch {
        // the process has exited: its share is lost, and counted as "other"
      }
    }
    return { wallMs: performance.now() - this.startedAt, oursMs, otherMs: Math.max(0, machineBusyMs() - this.machineAt - oursMs) };
  }
}

/** The process and its children (the worker processes of `pons server --workers N`). */
export function processTree(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return [pid, ...children];
}

/** Open file descriptors of a process (sockets included): what its per-process limit counts. */
export function openFiles(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}
