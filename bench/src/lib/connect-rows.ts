import { availableParallelism } from 'node:os';
import { mb, secs } from './format.js';
import { peakRate, type OnlineSample } from './online-watch.js';
import type { Row } from './results.js';
import type { SimReport } from './sim-child.js';

/** What the connect benchmark measures, and its table. */
export const firstAt = (samples: OnlineSample[], done: (s: OnlineSample) => boolean) => samples.find(done)?.t ?? null;

export interface ConnectFleet {
  agents: number;
  concurrency: number;
  sims: number;
  /** Server processes sharing the port (1: a single process). */
  workers: number;
  backend: string;
}

export interface Measured {
  watch: OnlineSample[];
  idleRss: number;
  allRss: number;
  peakRss: number;
  /** The server's processes (the primary first, then its workers): RSS and open files with every agent connected. */
  processes: Array<{ pid: number; rssMb: number; files: number }>;
  connectCpuMs: number;
  /** Waits for a CPU during the connect phase: the server's and every simulator's event loop. */
  runQueueMs: { server: number; sims: number };
  idleCpu: number;
  sim: SimReport | null;
  simCodes: Array<number | null>;
  offlineMs: number | null;
  timeoutMs: number;
}

/** Server and simulator CPU over the connect phase, as a share of every core of the machine. */
function cpuShare(m: Measured, timeOnline: number | null): string {
  if (!m.sim || timeOnline === null) return 'n/a';
  return `${Math.round(((m.connectCpuMs + m.sim.cpuMs) / (timeOnline * availableParallelism())) * 100)} % of ${availableParallelism()} cores`;
}

function latency(sim: SimReport | null): string {
  const l = sim?.connectLatencyMs;
  return l && l.p50 !== null ? `${l.p50} / ${l.p95} / ${l.max} ms` : 'n/a';
}

export function connectRows(m: Measured, { agents, concurrency, sims: simProcesses, workers, backend }: ConnectFleet): Row[] {
  const timeOnline = firstAt(m.watch, (s) => s.online >= agents);
  const failures =
    Object.entries(m.sim?.failures ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return [
    ['agents (connects in flight, simulator processes)', `${agents} (${concurrency} per process, ${simProcesses})`],
    ['server processes, database', `${workers > 1 ? `a primary and ${workers} workers sharing the port` : 'one'}, ${backend}`],
    ...(workers > 1
      ? [['each process: RSS / open files (primary first)', m.processes.map((p) => `${mb(p.rssMb)} / ${p.files}`).join('; ')] as Row]
      : []),
    ['time to all online (database)', secs(timeOnline)],
    [
      'time to all connected (gateway)',
      // /healthz counts the sockets of the process that answers it: one worker's share.
      workers > 1 ? 'n/a (each worker counts its own)' : secs(firstAt(m.watch, (s) => s.connected >= agents)),
    ],
    ['average connects/s', timeOnline === null ? 'n/a' : String(Math.round((agents * 1000) / timeOnline))],
    ['peak connects/s (1 s window, database)', String(peakRate(m.watch, 'online'))],
    ['peak connects/s (1 s window, gateway)', workers > 1 ? 'n/a' : String(peakRate(m.watch, 'connected'))],
    [workers > 1 ? 'server RSS idle (all processes)' : 'server RSS idle', mb(m.idleRss)],
    ['server RSS all connected', mb(m.allRss)],
    ['server RSS peak (VmHWM)', mb(m.peakRss)],
    ['server RSS per agent above idle', `${(((m.allRss - m.idleRss) * 1024) / agents).toFixed(1)} KB`],
    ['server CPU during connect', `${(m.connectCpuMs / 1000).toFixed(2)} s (${(m.connectCpuMs / agents).toFixed(2)} ms per agent)`],
    ['server CPU idle, all connected (5 s)', `${m.idleCpu.toFixed(1)} % of one core`],
    ['simulator: time to all connected', secs(m.sim?.timeToAllMs ?? null)],
    ['simulator: connect latency p50 / p95 / max (TCP to welcome)', latency(m.sim)],
    [
      'simulator RSS / CPU (all processes)',
      m.sim ? `${mb(m.sim.rssMb)} / ${(m.sim.cpuMs / 1000).toFixed(2)} s (${(m.sim.cpuMs / agents).toFixed(2)} ms per agent)` : 'n/a',
    ],
    ['machine CPU used by server + simulator during connect', cpuShare(m, timeOnline)],
    [
      'waited for a CPU during connect: server / simulator',
      `${(m.runQueueMs.server / 1000).toFixed(2)} s / ${(m.runQueueMs.sims / 1000).toFixed(2)} s`,
    ],
    ['simulator failed attempts', failures],
    ['simulator exit codes', m.simCodes.join(', ')],
    ['all offline after the simulator stopped', secs(m.offlineMs)],
  ];
}
