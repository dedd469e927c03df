import { randomUUID } from 'node:crypto';
import type { DeployStartArgs, JobFrame, JobStateEvent } from '@pons/protocol';
import { fetchAndHash } from './sim-download.js';

/**
 * A simulated agent's deployment job: download every file and check its SHA-256, then report
 * success (or the failure) with job frames, as the real agent does; no step runs. Acknowledgements
 * are not waited for: a simulated job is not resumed after a restart.
 */
export async function runSimJob(args: DeployStartArgs, serverUrl: string, caPem: string, send: (frame: JobFrame) => void): Promise<number> {
  let seq = 0;
  const emit = (event: Omit<JobStateEvent, 'seq' | 'at' | 'kind'>) =>
    send({
      type: 'job',
      id: randomUUID(),
      deploymentId: args.deploymentId,
      attempt: args.attempt,
      events: [{ ...event, kind: 'state', seq: ++seq, at: Date.now() }],
    });
  emit({ state: 'transferring', percent: 0 });
  let bytes = 0;
  for (const file of args.descriptor.files) {
    const url = new URL(`/agent/v1/files/${file.sha256}`, serverUrl).toString();
    try {
      const got = await fetchAndHash(url, caPem, { authorization: `Bearer ${args.downloadToken}` });
      bytes += got.bytes;
      if (got.status !== 200) {
        emit({
          state: 'transfer-failed',
          failure: { message: `HTTP ${got.status} for ${file.name}`, httpStatus: got.status },
        });
        return bytes;
      }
      if (got.sha256 !== file.sha256) {
        emit({
          state: 'hash-invalid',
          failure: { message: `${file.name}: SHA-256 is ${got.sha256}, expected ${file.sha256}` },
        });
        return bytes;
      }
    } catch (error) {
      emit({ state: 'transfer-failed', failure: { message: `${file.name}: ${(error as Error).message}` } });
      return bytes;
    }
  }
  emit({ state: 'success', message: 'downloaded and verified (simulated agent: no step runs)' });
  return bytes;
}
