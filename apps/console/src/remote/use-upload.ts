import { useState } from 'react';
import type { FileUploadResponse } from '@pons/protocol';
import { errorMessage } from '../api.js';
import { remoteApi } from './remote-api.js';

export interface UploadProgress {
  name: string;
  size: number;
  /** Share of the bytes sent, 0 to 1. */
  fraction: number;
  startedAt: number;
  /** When `fraction` last moved, for the rate. */
  at: number;
}

export interface Upload {
  progress: UploadProgress | null;
  busy: boolean;
  result: FileUploadResponse | null;
  error: string | null;
  send: (path: string, file: File, overwrite: boolean) => Promise<boolean>;
}

/** One upload at a time to the machine, with its progress; the file is streamed from disk, never read here. */
export function useUpload(machineId: string): Upload {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<FileUploadResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function send(path: string, file: File, overwrite: boolean): Promise<boolean> {
    const startedAt = performance.now();
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress({ name: file.name, size: file.size, fraction: 0, startedAt, at: startedAt });
    try {
      const done = await remoteApi.uploadFile(machineId, path, file, overwrite, (fraction) =>
        setProgress((p) => (p ? { ...p, fraction, at: performance.now() } : p)),
      );
      setProgress((p) => (p ? { ...p, fraction: 1 } : p));
      setResult(done);
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { progress, busy, result, error, send };
}
