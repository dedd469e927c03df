import { useEffect, useState } from 'react';

/**
 * Copies `text` to the clipboard. Where the clipboard is refused (an old browser, a locked-down
 * policy), it says so, and the text stays on screen to select by hand.
 */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    // Through a promise, so that a missing clipboard API (plain HTTP) lands in the failure branch too.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(text))
      .then(
        () => setState('copied'),
        () => setState('failed'),
      );
  };
  return (
    <button type="button" onClick={copy} aria-label={`Copy ${what}`} className="copy">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy by hand' : 'Copy'}
    </button>
  );
}
