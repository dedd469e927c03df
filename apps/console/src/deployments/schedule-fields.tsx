import { parseWindows } from '@pons/protocol';
import { CheckField, NumberTextField, TextField } from '../ui/text-field.js';
import { bindFields } from '../ui/use-form.js';
import type { DeploymentForm } from './deployment-form.js';

/** Title, when and how fast: start and end, hours of the day, Wake-on-LAN, limits and retries. */
interface Props {
  form: DeploymentForm;
  /** What the server calls the deployment when no title is given: the package and version. */
  defaultTitle: string;
  onChange: (changes: Partial<DeploymentForm>) => void;
}

export function ScheduleFields({ form, defaultTitle, onChange }: Props) {
  const field = bindFields(form, onChange);
  const windowsProblem = form.windows.trim() ? parseWindows(form.windows) : null;
  return (
    <fieldset className="panel">
      <legend>Schedule and limits</legend>
      <div className="form-row">
        <TextField label="Title" className="grow" maxLength={300} placeholder={defaultTitle} {...field('title')} />
        <TextField label="Start" type="datetime-local" {...field('startAt')} />
        <TextField label="End" type="datetime-local" {...field('endAt')} />
      </div>
      <div className="form-row">
        <TextField
          label="Hours of the day"
          inputClassName="mono"
          placeholder="e.g. 12-14,20-24,0-8"
          maxLength={200}
          aria-invalid={typeof windowsProblem === 'string'}
          {...field('windows')}
        />
        <NumberTextField label="Machines at once" placeholder="no limit" {...field('maxConcurrent')} />
        <NumberTextField label="Download limit (KiB/s)" placeholder="no limit" {...field('bandwidthKiB')} />
        <NumberTextField label="Retries" {...field('retries')} />
        <CheckField label="Wake-on-LAN for offline machines" checked={form.wakeOnLan} onChange={(wakeOnLan) => onChange({ wakeOnLan })} />
      </div>
      {typeof windowsProblem === 'string' && <p className="field-error">{windowsProblem}</p>}
      <p className="field-note muted">
        An empty start is now, an empty end a day after the start. Hours of the day are in the server&apos;s time, as Medulla writes them
        (20-24,0-6); empty means any time. Machines that are offline wait for the end, or are woken up with Wake-on-LAN.
      </p>
    </fieldset>
  );
}
