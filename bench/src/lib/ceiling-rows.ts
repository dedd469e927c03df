import type { CeilingFigures, Quantiles } from './ceiling-measure.js';
import { availableParallelism } from 'node:os';
import { cpuWindowText, kb, mb, msText, secs } from './format.js';
import type { Row } from './results.js';

export const trip = (q: Quantiles | null | undefined): string =>
  q && q.p50 !== null ? `${q.p50.toFixed(1)} / ${q.p99!.toFixed(1)} / ${q.max!.toFixed(1)} ms` : 'n/a';

const failureText = (failures: Record<string, number>): string =>
  Object.entries(failures)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

/** The ceiling's own figures, as rows prefixed "ceiling:". */
export function ceilingRows(c: CeilingFigures, processes: number): Row[] {
  const rows: Row[] = [
    ['ceiling: TLS WebSocket connections (client processes)', `${c.agents} (${processes})`],
    ['ceiling: server RSS idle / all connected', `${mb(c.rssIdleMb)} / ${mb(c.rssAllMb)}`],
    ['ceiling: server RSS per connection above idle', kb(c.perConnKb)],
    ['ceiling: time to all connected', secs(c.connect.timeToAllMs)],
    ['ceiling: peak connects/s (1 s window)', String(c.connect.peakPerSec)],
    ['ceiling: server CPU per connect', `${(c.connect.serverCpuMs / c.agents).toFixed(2)} ms`],
  ];
  if (c.fanouts.length > 0) {
    const each = c.fanouts.map((f) => `${msText(f.allMs)}`).join(', ');
    rows.push(
      ['ceiling: fan-out to all, send loop (median)', msText(c.fanoutLoopMs)],
      [`ceiling: fan-out to all, loop start to last reply (median of ${c.fanouts.length}: ${each})`, msText(c.fanoutMs)],
    );
  }
  if (c.rtt) {
    rows.push(
      ['ceiling: round trip p50 / p99 / max (from its own socket write)', trip(c.rtt.wire)],
      ['ceiling: warm-up seconds (not counted) p50 / p99 / max', trip(c.rtt.warmup)],
      ['ceiling: replies received / expected', `${c.rtt.received} / ${c.rtt.expected}`],
      ['ceiling: tick start lag p50 / p99 / max', trip(c.rtt.tickLag)],
    );
  }
  if (c.storm) {
    rows.push(
      ['ceiling: restart storm, SIGTERM to all back', secs(c.storm.timeToAllMs)],
      ['ceiling: restart storm, peak connects/s (1 s window)', String(c.storm.peakPerSec)],
      ['ceiling: restart storm, server CPU', `${(c.storm.serverCpuMs / 1000).toFixed(2)} s`],
      ['ceiling: restart storm, machine CPU', cpuWindowText(c.storm.cpu, availableParallelism())],
    );
  }
  if (c.cpu) rows.push(['ceiling: machine CPU over the fan-outs / round trips', cpuWindowText(c.cpu, availableParallelism())]);
  rows.push(
    ['ceiling: client RSS / CPU (all processes)', `${mb(c.clients.rssMb)} / ${(c.clients.cpuMs / 1000).toFixed(2)} s`],
    ['ceiling: client failed attempts', failureText(c.clients.failures)],
  );
  return rows;
}

export { failureText };
