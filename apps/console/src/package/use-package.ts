import { useCallback, useEffect, useState } from 'react';
import type { PackageDetail } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import { useLatest } from '../ui/use-latest.js';

/** One package, fetched; `apply` shows a detail a change returned, and outdates any fetch under way. */
export function usePackage(ref: string) {
  const [detail, setDetail] = useState<PackageDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const { follow, outdate } = useLatest();

  const reload = useCallback(() => {
    follow(
      api.package(ref),
      (result) => {
        setDetail(result);
        setError(null);
        setLoading(false);
      },
      (failure) => {
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
  }, [ref, follow]);

  useEffect(reload, [reload]);

  const apply = useCallback(
    (result: PackageDetail) => {
      outdate();
      setDetail(result);
      setError(null);
    },
    [outdate],
  );

  return { detail, error, loading, reload, apply };
}
