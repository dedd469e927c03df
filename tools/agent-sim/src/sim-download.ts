import { createHash } from 'node:crypto';
import { request } from 'node:https';

export interface Fetched {
  bytes: number;
  sha256: string;
  status: number;
}

/**
 * Downloads a URL over HTTPS trusting only `caPem`, hashing as it streams and keeping nothing:
 * what a simulated agent does with a package file, and what the deployment benchmark's nginx
 * comparison does with the same file, so that both are fetched by the same code.
 */
export function fetchAndHash(url: string, caPem: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: caPem, checkServerIdentity: () => undefined, agent: false, headers }, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      res.on('end', () => resolve({ bytes, sha256: hash.digest('hex'), status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
