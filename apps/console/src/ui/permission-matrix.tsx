import { useId } from 'react';
import type { Feature, Grants } from '@pons/protocol';
import { FEATURE_LABELS, FEATURES, LEVELS, withLevel, within } from './levels.js';

interface Props {
  caption: string;
  value: Grants;
  onChange?: (grants: Grants) => void;
  /** Read-only view: every choice disabled. */
  disabled?: boolean;
  /** The most each feature may get (an API token never has more than its user); features without one are left out. */
  max?: Grants;
}

/** Features by level (none, read-only, read-write), one radio group per feature. */
export function PermissionMatrix({ caption, value, onChange, disabled = false, max }: Props) {
  const name = useId();
  const features = max ? FEATURES.filter((f) => max[f]) : FEATURES;
  return (
    <table className="grid compact matrix">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Feature</th>
          {LEVELS.map((level) => (
            <th key={level.label} scope="col" className="choice">
              {level.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {features.map((feature: Feature) => (
          <tr key={feature}>
            <th scope="row">{FEATURE_LABELS[feature]}</th>
            {LEVELS.map((level) => (
              <td key={level.label} className="choice">
                <label className="matrix-cell">
                  <input
                    type="radio"
                    name={`${name}-${feature}`}
                    checked={(value[feature] ?? null) === level.value}
                    disabled={disabled || (max !== undefined && !within(level.value, max[feature]))}
                    onChange={() => onChange?.(withLevel(value, feature, level.value))}
                  />
                  <span className="sr-only">
                    {FEATURE_LABELS[feature]}: {level.label.toLowerCase()}
                  </span>
                </label>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
