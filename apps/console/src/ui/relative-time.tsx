import { dateTime, relativeTime, sinceText } from '../format.js';
import { useNow } from './clock.js';

interface Props {
  at: number | null;
  /** Words before the exact time in the tooltip, e.g. "Online since". */
  label?: string;
  empty?: string;
  /** `ago`: "3 min ago" (default); `for`: how long a state has lasted, "for 3 min"; `future`: "in 6 d" allowed. */
  mode?: 'ago' | 'for' | 'future';
}

/** A time relative to now, kept current; the exact local time is in the tooltip. */
export function RelativeTime({ at, label, empty = '—', mode = 'ago' }: Props) {
  const now = useNow();
  if (at === null) return <span className="muted">{empty}</span>;
  const exact = dateTime(at);
  // Past events never read "in 2 s" when the server's clock runs a little ahead of ours.
  const text =
    mode === 'future' ? relativeTime(at, now) : mode === 'for' ? sinceText(Math.min(at, now), now) : relativeTime(Math.min(at, now), now);
  return (
    <time dateTime={new Date(at).toISOString()} title={label ? `${label} ${exact}` : exact}>
      {text}
    </time>
  );
}

/** A table cell with a relative time; `titled` puts the exact time over the whole cell. */
export function TimeCell({ titled = false, ...time }: Props & { titled?: boolean }) {
  return (
    <td className="nowrap" title={titled && time.at !== null ? dateTime(time.at) : undefined}>
      <RelativeTime {...time} />
    </td>
  );
}
