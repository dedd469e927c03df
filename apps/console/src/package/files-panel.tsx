import { useRef, useState } from 'react';
import type { PackageVersion } from '@pons/protocol';
import { api, errorMessage, urls } from '../api.js';
import { bytes } from '../format.js';
import { Alert } from '../ui/alert.js';
import { ACTIONS, DataTable } from '../ui/data-table.js';

interface Props {
  packageId: string;
  version: PackageVersion;
  editable: boolean;
  onChanged: () => void;
}

type Upload = { name: string; fraction: number; index: number; of: number };

/** The version's files with their SHA-256; on a pending version, uploads (one after another) and removal. */
export function FilesPanel({ packageId, version, editable, onChanged }: Props) {
  const [upload, setUpload] = useState<Upload | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function send(files: File[]) {
    setError(null);
    try {
      for (const [index, file] of files.entries()) {
        setUpload({ name: file.name, fraction: 0, index: index + 1, of: files.length });
        await api.uploadFile(packageId, file.name, file, (fraction) => setUpload((u) => (u ? { ...u, fraction } : u)));
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setUpload(null);
      if (input.current) input.current.value = '';
      onChanged();
    }
  }

  async function remove(name: string) {
    setRemoving(name);
    setError(null);
    try {
      await api.removeFile(packageId, name);
      onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setRemoving(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="files-title">
      <header className="panel-head">
        <h2 id="files-title">Files</h2>
        <span className="muted">
          {version.files.length} · {bytes(version.size)}
        </span>
        {editable && (
          <label className={`button upload end${upload ? ' disabled' : ''}`}>
            Upload files…
            <input
              ref={input}
              type="file"
              multiple
              className="sr-only"
              disabled={upload !== null}
              onChange={(e) => void send([...(e.target.files ?? [])])}
            />
          </label>
        )}
      </header>
      {upload && (
        <p className="muted" role="status">
          Uploading {upload.name}
          {upload.of > 1 && ` (${upload.index} of ${upload.of})`}… {Math.round(upload.fraction * 100)} %{' '}
          <progress max={1} value={upload.fraction} />
        </p>
      )}
      {error && <Alert>{error}</Alert>}
      {version.files.length === 0 ? (
        <p className="muted">
          No files.{editable && ' Steps run in the directory the files are copied to; a package can also be steps alone.'}
        </p>
      ) : (
        <DataTable
          className="grid compact files"
          wrap={false}
          columns={['Name', { label: 'Size', num: true }, 'SHA-256', ACTIONS]}
          rows={version.files}
          row={(file) => (
            <tr key={file.name} data-testid={`file-${file.name}`}>
              <td className="mono">
                <a href={urls.packageFile(packageId, version.revision, file.name)} download>
                  {file.name}
                </a>
              </td>
              <td className="num">{bytes(file.size)}</td>
              <td className="mono hash" title={file.sha256}>
                {file.sha256}
              </td>
              <td className="actions">
                {editable && (
                  <button type="button" className="small" disabled={removing !== null} onClick={() => void remove(file.name)}>
                    {removing === file.name ? 'Removing…' : 'Remove'}
                  </button>
                )}
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
