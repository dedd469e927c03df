import { useRef, useState, type FormEvent } from 'react';
import { bytes } from '../format.js';
import { Alert } from '../ui/alert.js';
import { CheckField } from '../ui/text-field.js';
import { childPath } from './file-paths.js';
import { progressText } from './session-text.js';
import { useUpload, type UploadProgress } from './use-upload.js';

interface Props {
  machineId: string;
  /** The directory shown: files go into it under their own name. */
  directory: string;
  onUploaded: () => void;
}

/** Sends a file into the directory shown, with its progress and the SHA-256 the machine computed. */
export function FileUpload({ machineId, directory, onUploaded }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const upload = useUpload(machineId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    if (await upload.send(childPath(directory, file.name), file, overwrite)) {
      setFile(null);
      if (input.current) input.current.value = '';
      onUploaded();
    }
  }

  return (
    <form className="panel file-upload" onSubmit={(event) => void submit(event)} aria-label="Upload a file" data-testid="upload-form">
      <div className="form-row">
        <label>
          File to upload
          <input
            ref={input}
            type="file"
            data-testid="upload-input"
            disabled={upload.busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <CheckField label="Replace an existing file" checked={overwrite} onChange={setOverwrite} />
        <button type="submit" className="primary" disabled={!file || upload.busy} data-testid="upload-button">
          {upload.busy ? 'Uploading…' : 'Upload'}
        </button>
        {file && !upload.busy && (
          <span className="muted">
            To <span className="mono">{childPath(directory, file.name)}</span> ({bytes(file.size)})
          </span>
        )}
      </div>
      {upload.progress && <Progress progress={upload.progress} busy={upload.busy} />}
      {upload.error && <Alert>{upload.error}</Alert>}
      {upload.result && (
        <p className="upload-result" role="status" data-testid="upload-result">
          Uploaded <span className="mono">{upload.result.path}</span> ({bytes(upload.result.bytes)}). SHA-256{' '}
          <code className="mono" data-testid="upload-sha256">
            {upload.result.sha256}
          </code>
        </p>
      )}
    </form>
  );
}

function Progress({ progress, busy }: { progress: UploadProgress; busy: boolean }) {
  const { fraction, size, startedAt, at } = progress;
  const waiting = busy && fraction >= 1;
  return (
    <p className="upload-progress muted">
      <progress max={1} value={fraction} data-testid="upload-progress" aria-label={`Uploading ${progress.name}`} />{' '}
      <span>
        {progressText(fraction, size, at - startedAt)}
        {waiting && ' · the machine is writing the file…'}
      </span>
    </p>
  );
}
