import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import type { MachineCommand } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { dateTime } from '../format.js';
import { Alert } from '../ui/alert.js';
import { RelativeTime } from '../ui/relative-time.js';
import { commandText, outcome } from './command-args.js';
import { CommandOutput } from './command-result.js';

/** The machine's latest commands, newest first; `version` moves each time one is sent from here. */
export function CommandHistory({ machineId, version }: { machineId: string; version: number }) {
  const [items, setItems] = useState<MachineCommand[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const latest = useRef(0);

  const load = useCallback(() => {
    const id = ++latest.current;
    api.machineCommands(machineId).then(
      (list) => {
        if (id !== latest.current) return;
        setItems(list.items);
        setError(null);
      },
      (failure: unknown) => id === latest.current && setError(errorMessage(failure)),
    );
  }, [machineId]);
  useEffect(load, [load, version]);

  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section className="panel" aria-labelledby="history-title">
      <header className="inv-head">
        <h3 id="history-title">History</h3>
        <button type="button" className="small" onClick={load}>
          Reload
        </button>
      </header>
      {error && <Alert>{error}</Alert>}
      {items === null && !error && <p className="muted">Loading…</p>}
      {items && (
        <table className="grid compact command-history" data-testid="command-history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Command</th>
              <th scope="col">By</th>
              <th scope="col">Status</th>
              <th scope="col">Detail</th>
              <th scope="col">
                <span className="sr-only">Output</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((command) => {
              const { tone, text } = outcome(command);
              const expanded = open.has(command.commandId);
              const hasOutput = command.output !== null && command.output !== undefined;
              return (
                <Fragment key={command.commandId}>
                  <tr data-testid={`command-${command.commandId}`}>
                    <td className="nowrap" title={dateTime(command.createdAt)}>
                      <RelativeTime at={command.createdAt} />
                    </td>
                    <td className="mono clip command-text" title={commandText(command)}>
                      {commandText(command)}
                    </td>
                    <td>{command.createdBy}</td>
                    <td>
                      <span className={`badge tone-${tone}`}>{command.status}</span>
                    </td>
                    <td>{text}</td>
                    <td className="actions">
                      {hasOutput && (
                        <button type="button" className="small" aria-expanded={expanded} onClick={() => toggle(command.commandId)}>
                          {expanded ? 'Hide output' : 'Output'}
                        </button>
                      )}
                    </td>
                  </tr>
                  {expanded && (
                    <tr className="output-row">
                      <td colSpan={6}>
                        <CommandOutput name={command.name} output={command.output} failed={tone === 'failure'} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
            {items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty-row">
                  No command sent to this machine yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
