import { Fragment, useCallback, useEffect, useState } from 'react';
import type { MachineCommand } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { Alert } from '../ui/alert.js';
import { DataTable } from '../ui/data-table.js';
import { TimeCell } from '../ui/relative-time.js';
import { useLatest } from '../ui/use-latest.js';
import { commandText, outcome } from './command-args.js';
import { CommandOutput } from './command-result.js';

const COLUMNS = ['When', 'Command', 'By', 'Status', 'Detail', { label: 'Output', hidden: true }];

/** The machine's latest commands, newest first; `version` moves each time one is sent from here. */
export function CommandHistory({ machineId, version }: { machineId: string; version: number }) {
  const [items, setItems] = useState<MachineCommand[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const { follow } = useLatest();

  const load = useCallback(() => {
    follow(
      api.machineCommands(machineId),
      (list) => {
        setItems(list.items);
        setError(null);
      },
      (failure) => setError(errorMessage(failure)),
    );
  }, [machineId, follow]);
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
        <DataTable
          className="grid compact command-history"
          testId="command-history"
          wrap={false}
          columns={COLUMNS}
          rows={items}
          empty="No command sent to this machine yet."
          row={(command) => {
            const { tone, text } = outcome(command);
            const expanded = open.has(command.commandId);
            const hasOutput = command.output !== null && command.output !== undefined;
            return (
              <Fragment key={command.commandId}>
                <tr data-testid={`command-${command.commandId}`}>
                  <TimeCell at={command.createdAt} titled />
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
                    <td colSpan={COLUMNS.length}>
                      <CommandOutput name={command.name} output={command.output} failed={tone === 'failure'} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          }}
        />
      )}
    </section>
  );
}
