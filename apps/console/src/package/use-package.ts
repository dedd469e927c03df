import { useCallback, useEffect, useRef, useState } from 'react';
import type { PackageDetail } from '@pons/protocol';
import { api, errorMessage } from '../api.js';

/** One package, fetched; `apply` shows a detail a change returned, and outdates any fetch under way. */
export function usePackage(ref: string) {
  const [detail, setDetail] = useState<PackageDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  const reload = useCallback(() => {
    const id = ++latest.current;
    api.package(ref).then(
      (result) => {
        if (id !== latest.current) return;
        setDetail(result);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== latest.current) return;
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
  }, [ref]);

  useEffect(reload, [reload]);

  const apply = useCallback((result: PackageDetail) => {
    latest.current += 1;
    setDetail(result);
    setError(null);
  }, []);

  return { detail, error, loading, reload, apply };
}
