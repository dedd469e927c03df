import { parseWindows } from '@pons/protocol';
import type { DeploymentForm } from './deployment-form.js';

/** Title, when and how fast: start and end, hours of the day, Wake-on-LAN, limits and retries. */
interface Props {
  form: DeploymentForm;
  /** What the server calls the deployment when no title is given: the package and version. */
  defaultTitle: string;
  onChange: (changes: Partial<DeploymentForm>) => void;
}

export function ScheduleFields({ form, defaultTitle, onChange }: Props) {
  const windowsProblem = form.windows.trim() ? parseWindows(form.windows) : null;
  return (
    <fieldset className="panel">
      <legend>Schedule and limits</legend>
      <div className="form-row">
        <label className="grow">
          Title
          <input maxLength={300} placeholder={defaultTitle} value={form.title} onChange={(e) => onChange({ title: e.target.value })} />
        </label>
        <label>
          Start
          <input type="datetime-local" value={form.startAt} onChange={(e) => onChange({ startAt: e.target.value })} />
        </label>
        <label>
          End
          <input type="datetime-local" value={form.endAt} onChange={(e) => onChange({ endAt: e.target.value })} />
        </label>
      </div>
      <div className="form-row">
        <label>
          Hours of the day
          <input
            className="mono"
            placeholder="e.g. 12-14,20-24,0-8"
            maxLength={200}
            aria-invalid={typeof windowsProblem === 'string'}
            value={form.windows}
            onChange={(e) => onChange({ windows: e.target.value })}
          />
        </label>
        <label>
          Machines at once
          <input
            inputMode="numeric"
            className="narrow"
            placeholder="no limit"
            value={form.maxConcurrent}
            onChange={(e) => onChange({ maxConcurrent: e.target.value })}
          />
        </label>
        <label>
          Download limit (KiB/s)
          <input
            inputMode="numeric"
            className="narrow"
            placeholder="no limit"
            value={form.bandwidthKiB}
            onChange={(e) => onChange({ bandwidthKiB: e.target.value })}
          />
        </label>
        <label>
          Retries
          <input inputMode="numeric" className="narrow" value={form.retries} onChange={(e) => onChange({ retries: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={form.wakeOnLan} onChange={(e) => onChange({ wakeOnLan: e.target.checked })} />
          Wake-on-LAN for offline machines
        </label>
      </div>
      {typeof windowsProblem === 'string' && <p className="field-error">{windowsProblem}</p>}
      <p className="field-note muted">
        An empty start is now, an empty end a day after the start. Hours of the day are in the server&apos;s time, as Medulla writes them
        (20-24,0-6); empty means any time. Machines that are offline wait for the end, or are woken up with Wake-on-LAN.
      </p>
    </fieldset>
  );
}
