import { useState, type FormEvent } from 'react';

/** The directory shown, typed to go elsewhere; Up and Reload beside it. */
export function PathBar({ path, onGo, onReload }: { path: string; onGo: (path: string) => void; onReload: () => void }) {
  const [typed, setTyped] = useState(path);
  const [shown, setShown] = useState(path);
  // A new directory (a click in the table, the browser's Back) replaces what was typed.
  if (shown !== path) {
    setShown(path);
    setTyped(path);
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) onGo(typed.trim());
  };
  return (
    <form className="path-bar" onSubmit={submit} aria-label="Directory">
      <label className="grow">
        <span className="sr-only">Path on the machine</span>
        <input className="mono" data-testid="path-input" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />
      </label>
      <button type="submit">Go</button>
      <button type="button" onClick={onReload}>
        Reload
      </button>
    </form>
  );
}
