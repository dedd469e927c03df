import { useCallback, useRef } from 'react';

/**
 * For a request made again before the last one has answered (a reload, other filters): only the latest answer
 * counts. `follow` hands over the answer unless a newer request (or `outdate`) came since.
 */
export function useLatest() {
  const counter = useRef(0);
  const follow = useCallback(<T>(promise: Promise<T>, onValue: (value: T) => void, onFailure: (failure: unknown) => void) => {
    const id = ++counter.current;
    promise.then(
      (value) => id === counter.current && onValue(value),
      (failure: unknown) => id === counter.current && onFailure(failure),
    );
  }, []);
  const outdate = useCallback(() => {
    counter.current += 1;
  }, []);
  return { follow, outdate };
}
