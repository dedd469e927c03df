import { useState, type FormEvent } from 'react';
import type { CreatedEnrollmentToken, Entity } from '@pons/protocol';
import { api } from '../api.js';
import { EntityOptions } from '../ui/entity-options.js';
import { FormErrors } from '../ui/form-errors.js';
import { SubmitButton } from '../ui/submit-button.js';
import { optional, TextField } from '../ui/text-field.js';
import { useSubmit } from '../ui/use-submit.js';
import { entityOptions } from './entity-options.js';

const HOUR = 3_600_000;
const EXPIRY = [
  { label: '1 hour', ms: HOUR },
  { label: '1 day', ms: 24 * HOUR },
  { label: '7 days', ms: 7 * 24 * HOUR },
  { label: '30 days', ms: 30 * 24 * HOUR },
];

interface Props {
  entities: Entity[];
  onCreated: (token: CreatedEnrollmentToken) => void;
}

export function TokenForm({ entities, onCreated }: Props) {
  const [entity, setEntity] = useState('');
  const [expiresInMs, setExpiresInMs] = useState(7 * 24 * HOUR);
  const [maxUses, setMaxUses] = useState('1');
  const [label, setLabel] = useState('');
  const { busy, errors, run } = useSubmit();
  const options = entityOptions(entities);
  // Until the user picks one, the top of their tree (the root entity for administrators).
  const selected = entity || options[0]?.id || '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      const created = await api.createToken({
        ...(selected ? { entity: selected } : {}),
        expiresInMs,
        maxUses: Number(maxUses),
        ...(label.trim() ? { label: label.trim() } : {}),
      });
      onCreated(created);
    });
  }

  return (
    <form className="panel token-form" onSubmit={(event) => void submit(event)} aria-labelledby="new-token-title">
      <h2 id="new-token-title">New enrollment token</h2>
      <FormErrors errors={errors} />
      <div className="form-row">
        <label>
          Entity
          <select name="entity" value={selected} onChange={(e) => setEntity(e.target.value)}>
            {options.length === 0 && <option value="">Root entity</option>}
            <EntityOptions entities={options} />
          </select>
        </label>
        <label>
          Expires after
          <select name="expiry" value={expiresInMs} onChange={(e) => setExpiresInMs(Number(e.target.value))}>
            {EXPIRY.map((choice) => (
              <option key={choice.ms} value={choice.ms}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Maximum uses"
          name="maxUses"
          type="number"
          min={1}
          max={1_000_000}
          step={1}
          required
          value={maxUses}
          onChange={setMaxUses}
          inputClassName="narrow"
        />
        <TextField
          label={optional('Label')}
          className="grow"
          name="label"
          maxLength={200}
          placeholder="e.g. Lyon office laptops"
          value={label}
          onChange={setLabel}
        />
        <SubmitButton busy={busy} busyText="Creating…">
          Create token
        </SubmitButton>
      </div>
    </form>
  );
}
