import { useLayoutEffect, useRef } from 'react';
import type { AuditLine, DeploymentTarget } from '@pons/protocol';
import { count, dateTime } from '../format.js';

interface Props {
  lines: AuditLine[] | null;
  capped: boolean;
  targets: DeploymentTarget[];
  machine: string | null;
  onMachine: (machine: string | null) => void;
}

/** State changes and output, as they happen; stderr marked. Follows the end unless the reader scrolled up. */
export function AuditPanel({ lines, capped, targets, machine, onMachine }: Props) {
  const box = useRef<HTMLOListElement>(null);
  const atEnd = useRef(true);
  const hostnames = new Map(targets.map((t) => [t.machineId, t.hostname]));
  useLayoutEffect(() => {
    if (box.current && atEnd.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <section className="panel" aria-labelledby="audit-title">
      <header className="panel-head">
        <h2 id="audit-title">Audit</h2>
        <label className="inline end">
          Machine
          <select value={machine ?? ''} onChange={(e) => onMachine(e.target.value || null)}>
            <option value="">All machines</option>
            {targets.map((t) => (
              <option key={t.machineId} value={t.machineId}>
                {t.hostname}
              </option>
            ))}
          </select>
        </label>
        {lines && <span className="muted">{count(lines.length)} lines</span>}
      </header>
      {capped && (
        <p className="muted">Only the first {count(lines?.length ?? 0)} lines were fetched; choose a machine to see all of its lines.</p>
      )}
      <ol
        ref={box}
        className="audit"
        data-testid="audit"
        onScroll={(e) => {
          const el = e.currentTarget;
          atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {lines === null && <li className="muted">Loading…</li>}
        {lines?.length === 0 && <li className="muted">Nothing yet.</li>}
        {lines?.map((line, index) => (
          <li key={index} className={`audit-line audit-${line.kind}${line.stream === 'stderr' ? ' audit-stderr' : ''}`}>
            <time dateTime={new Date(line.at).toISOString()} title={dateTime(line.at)}>
              {dateTime(line.at).slice(11)}
            </time>
            {machine === null && <span className="audit-host">{hostnames.get(line.machineId) ?? line.machineId}</span>}
            {line.attempt > 1 && <span className="tag">attempt {line.attempt}</span>}
            {line.kind === 'output' && line.step !== null && <span className="tag">step {line.step}</span>}
            {line.stream === 'stderr' && <span className="tag tag-stderr">stderr</span>}
            <span className="audit-text">{line.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
