import { useEffect } from 'react';

/** `Machines · Pons` in the tab and the history menu. */
export function useTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · Pons` : 'Pons';
  }, [title]);
}
