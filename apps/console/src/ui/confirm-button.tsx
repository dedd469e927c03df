import { useState } from 'react';

interface Props {
  /** The first button's text, e.g. "Delete". */
  label: string;
  /** The second button's text, e.g. "Delete now". */
  confirm: string;
  /** What it acts on, for the first button's name: "Delete Lyon". */
  what?: string;
  /** Must not reject: the caller shows its own errors. */
  onConfirm: () => Promise<void>;
  danger?: boolean;
  small?: boolean;
}

/** Two steps, so that a stray click does not destroy anything. */
export function ConfirmButton({ label, confirm, what, onConfirm, danger = true, small = true }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const size = small ? 'small' : '';
  async function run() {
    setBusy(true);
    await onConfirm();
    setBusy(false);
    setConfirming(false);
  }
  if (!confirming) {
    return (
      <button type="button" className={size} aria-label={what ? `${label} ${what}` : undefined} onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button type="button" className={`${size} ${danger ? 'danger' : 'primary'}`} disabled={busy} onClick={() => void run()}>
        {confirm}
      </button>
      <button type="button" className={`${size} ghost`} disabled={busy} onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}
