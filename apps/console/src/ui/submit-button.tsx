import type { ReactNode } from 'react';

interface Props {
  busy: boolean;
  /** The text while busy: "Saving…". */
  busyText: string;
  children: ReactNode;
  /** Disabled while busy, unless told otherwise. */
  disabled?: boolean;
  primary?: boolean;
}

/** A form's submit button: it says what it is doing while the form is sent. */
export function SubmitButton({ busy, busyText, children, disabled = busy, primary = true }: Props) {
  return (
    <button type="submit" className={primary ? 'primary' : undefined} disabled={disabled}>
      {busy ? busyText : children}
    </button>
  );
}

/** Leaves a form without sending it; not while it is being sent. */
export function CancelButton({ busy, onClick, children = 'Cancel' }: { busy: boolean; onClick: () => void; children?: ReactNode }) {
  return (
    <button type="button" className="ghost" onClick={onClick} disabled={busy}>
      {children}
    </button>
  );
}
