import type { AuditLine, DeploymentSummary, DeploymentTarget } from '@pons/protocol';
import { bytes, dash, timestamp, when } from '../output/format.js';
import { clean, renderPairs, renderTable } from '../output/table.js';

export function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
}

export function deploymentTable(items: readonly DeploymentSummary[], now: number): string {
  return renderTable(
    [
      { header: 'ID' },
      { header: 'TITLE' },
      { header: 'STATUS' },
      { header: 'TARGETS', align: 'right' },
      { header: 'STATES' },
      { header: 'CREATED' },
      { header: 'BY' },
    ],
    items.map((d) => [d.id, d.title, d.status, String(d.total), countsText(d.counts), when(d.createdAt, now), d.createdBy]),
  );
}

export function deploymentView(d: DeploymentSummary, now: number): string {
  return renderPairs([
    ['Deployment', `${d.title} (${d.id})`],
    ['Package', `${d.packageName} ${d.version} (revision ${d.revision})`],
    ['Status', d.status],
    ['Targets', `${d.total}: ${countsText(d.counts)}`],
    ['Window', `${timestamp(d.startAt)} → ${timestamp(d.endAt)}${d.windows ? `, hours ${d.windows}` : ''}`],
    ['Wake-on-LAN', d.wakeOnLan ? 'yes' : 'no'],
    [
      'Limits',
      `${d.maxConcurrent ?? 'no'} concurrent machines, ${d.maxBytesPerSecond ? `${bytes(d.maxBytesPerSecond)}/s` : 'no'} bandwidth limit, ${d.retries} retries`,
    ],
    ['Created', `${when(d.createdAt, now)} by ${d.createdBy}`],
  ]);
}

export function targetTable(targets: readonly DeploymentTarget[], now: number): string {
  return renderTable(
    [
      { header: 'MACHINE' },
      { header: 'TRY', align: 'right' },
      { header: 'STATE' },
      { header: 'SINCE' },
      { header: 'EXIT', align: 'right' },
      { header: 'MESSAGE' },
    ],
    targets.map((t) => [
      t.hostname,
      String(t.attempt),
      t.label,
      when(t.stateSince, now),
      t.exitCode === null ? '' : String(t.exitCode),
      dash(t.message),
    ]),
  );
}

/** One audit line as `pons deploy watch` prints it. */
export function auditText(line: AuditLine, hostname: string): string {
  const time = new Date(line.at).toTimeString().slice(0, 8);
  if (line.kind === 'output') {
    const mark = line.stream === 'stderr' ? '!' : line.stream === 'agent' ? '*' : '|';
    return line.text
      .split('\n')
      .map((text) => `${time} ${hostname} ${mark} ${clean(text)}`)
      .join('\n');
  }
  const extra = line.failure?.lastLines?.length
    ? `\n${line.failure.lastLines.map((l) => `${time} ${hostname} ! ${clean(l)}`).join('\n')}`
    : '';
  return `${time} ${hostname} ${clean(line.text)}${extra}`;
}
