import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api.js';

/** A list a page shows: loaded at once and after each change; a failure either way is the page's error. */
export function useList<T>(fetch: () => Promise<{ items: T[] }>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    fetch().then(
      (result) => setItems(result.items),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  }, [fetch]);
  useEffect(load, [load]);

  /** A change to the list (a deletion, a revocation), then the list again. */
  async function change(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
      load();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return { items, setItems, error, setError, load, change };
}
