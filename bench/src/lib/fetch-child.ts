import { readFileSync } from 'node:fs';
import { fetchAndHash } from '@pons/agent-sim';

/**
 * `node fetch-child.js <url> <count> <ca.pem> [header: value]`: downloads the URL `count` times at
 * once with the simulated agents' own download code (HTTPS trusting the CA, SHA-256 while
 * streaming), and prints one JSON line: wall time, bytes, hashes seen, failures.
 */
async function run(): Promise<void> {
  const [url = '', countText = '1', caFile = '', header] = process.argv.slice(2);
  const caPem = readFileSync(caFile, 'utf8');
  const headers: Record<string, string> = {};
  if (header) {
    const at = header.indexOf(':');
    headers[header.slice(0, at).trim().toLowerCase()] = header.slice(at + 1).trim();
  }
  const started = performance.now();
  const results = await Promise.allSettled(Array.from({ length: Number(countText) }, () => fetchAndHash(url, caPem, headers)));
  const ms = performance.now() - started;
  const ok = results.flatMap((r) => (r.status === 'fulfilled' && r.value.status === 200 ? [r.value] : []));
  const failures = results.length - ok.length;
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ ms, bytes: ok.reduce((t, r) => t + r.bytes, 0), hashes: [...new Set(ok.map((r) => r.sha256))], failures, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
  );
}

run().catch((error: unknown) => {
  process.stderr.write(`fetch-child: ${String(error)}\n`);
  process.exit(1);
});
