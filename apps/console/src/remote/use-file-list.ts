import { useCallback, useEffect, useRef, useState } from 'react';
import type { FileListResponse } from '@pons/protocol';
import { errorMessage } from '../api.js';
import { remoteApi } from './remote-api.js';

export interface FileList {
  /** The last listing that arrived (kept while the next one loads). */
  listing: FileListResponse | null;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

/** A directory of the machine, listed through the agent; `path` null waits (the start path is not known yet). */
export function useFileList(machineId: string, path: string | null): FileList {
  const [listing, setListing] = useState<FileListResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const reload = useCallback(() => {
    if (path === null) return;
    const id = ++latest.current;
    setLoading(true);
    setError(null);
    remoteApi.files(machineId, path).then(
      (result) => {
        if (id !== latest.current) return;
        setListing(result);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== latest.current) return;
        setError(errorMessage(failure));
        setLoading(false);
      },
    );
  }, [machineId, path]);
  useEffect(reload, [reload]);

  return { listing, loading, error, reload };
}
