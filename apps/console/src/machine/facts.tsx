import type { ReactNode } from 'react';

/** A label and its value; an empty value shows as a dash. */
export type Fact = [label: string, value: ReactNode];

export function Facts({ title, facts }: { title?: string; facts: Fact[] }) {
  return (
    <div className="facts">
      {title && <h3>{title}</h3>}
      <dl>
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value === null || value === undefined || value === '' ? <span className="muted">—</span> : value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
