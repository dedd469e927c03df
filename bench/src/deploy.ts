import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeploymentDetail, DeploymentSummary, PackageDetail } from '@pons/protocol';
import { msText, say } from './lib/format.js';
import { ensureNginx, Nginx, nginxVersion } from './lib/nginx.js';
import { COMMON_USAGE, parseBenchOptions } from './lib/options.js';
import { PonsRun } from './lib/pons-run.js';
import { cpuMs, CpuWindow } from './lib/proc-stats.js';
import { main, report } from './lib/report.js';
import type { Row } from './lib/results.js';

/** Target: a 50 MB package to 200 agents at no less than 0.8 of nginx's throughput to the same clients. */
const TARGET = { agents: 200, megabytes: 50, ratio: 0.8 };
const HERE = path.dirname(fileURLToPath(import.meta.url));
const o = parseBenchOptions(`npm run bench:deploy -- ${COMMON_USAGE}`, { agents: TARGET.agents });

interface Fetch {
  ms: number;
  bytes: number;
  hashes: string[];
  failures: number;
  cpuMs: number;
}

/** Downloads a URL `count` times at once from a child process using the simulated agents' download code. */
function fetchAll(url: string, count: number, caFile: string, header?: string): Promise<Fetch> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(HERE, 'lib/fetch-child.js'), url, String(count), caFile, ...(header ? [header] : [])],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Fetch) : reject(new Error(`fetch-child exited with ${code}`))));
  });
}

const mbps = (bytes: number, ms: number) => bytes / 1024 / 1024 / (ms / 1000);
const rate = (bytes: number, ms: number) => `${mbps(bytes, ms).toFixed(0)} MB/s (${(bytes / 1024 / 1024).toFixed(0)} MB in ${msText(ms)})`;

async function deployToAll(run: PonsRun, packageId: string): Promise<{ ms: number; detail: DeploymentDetail }> {
  const started = performance.now();
  const created = await run.api.call<DeploymentSummary>('POST', '/api/v1/deployments', { package: packageId, targets: { all: true } });
  for (;;) {
    const detail = await run.api.call<DeploymentDetail>('GET', `/api/v1/deployments/${created.id}`);
    if (detail.targets.length > 0 && detail.targets.every((t) => t.final)) return { ms: performance.now() - started, detail };
    if (performance.now() - started > 600_000) throw new Error('the deployment did not finish within 10 minutes');
    await sleep(100);
  }
}

main(async () => {
  ensureNginx();
  const run = await PonsRun.start(o, { PONS_DEPLOY_TICK: '100ms' });
  const work = mkdtempSync(path.join(tmpdir(), 'pons-bench-deploy-'));
  let nginx: Nginx | null = null;
  try {
    await run.connectFleet(false);
    const payload = randomBytes(TARGET.megabytes * 1024 * 1024);
    const sha256 = createHash('sha256').update(payload).digest('hex');
    writeFileSync(path.join(work, 'payload.bin'), payload, { mode: 0o644 });
    // nginx's workers run as www-data: they must be able to read the file.
    chmodSync(work, 0o755);
    const pkg = await run.api.call<PackageDetail>('POST', '/api/v1/packages', {
      name: 'bench payload',
      version: '1',
      os: ['linux'],
      sequences: { linux: [{ action: 'success' }] },
    });
    await run.api.call('PUT', `/api/v1/packages/${pkg.id}/files/payload.bin`, payload, { 'x-content-sha256': sha256 });
    await run.api.call('POST', `/api/v1/packages/${pkg.id}/submit`);
    const total = payload.length * o.agents;

    say(`deploying ${TARGET.megabytes} MB to ${o.agents} simulated agents`);
    const window = new CpuWindow([run.server.pid, ...run.fleet!.pids]);
    const simsCpu = () => run.fleet!.pids.reduce((t, pid) => t + cpuMs(pid), 0);
    const [serverCpu, simCpu] = [cpuMs(run.server.pid), simsCpu()];
    const deployed = await deployToAll(run, pkg.id);
    const [deployCpu, deploySimCpu] = [cpuMs(run.server.pid) - serverCpu, simsCpu() - simCpu];
    const machine = window.end();
    const succeeded = deployed.detail.targets.filter((t) => t.state === 'success').length;
    say(`deployment: ${succeeded}/${o.agents} succeeded in ${msText(deployed.ms)}`);

    const caFile = path.join(run.pkiDir, 'ca.pem');
    say('the same file from Pons to the same number of clients, outside a deployment');
    const direct = await fetchAll(
      `${run.server.url}/api/v1/packages/${pkg.id}/versions/1/files/payload.bin`,
      o.agents,
      caFile,
      `authorization: Bearer ${run.api.token}`,
    );
    nginx = await Nginx.start(work, path.join(run.pkiDir, 'server.pem'), path.join(run.pkiDir, 'server.key'));
    say(`the same file from nginx ${nginxVersion()} to the same number of clients`);
    const fromNginx = await fetchAll(`https://127.0.0.1:${nginx.port}/payload.bin`, o.agents, caFile);

    const nginxRate = mbps(fromNginx.bytes, fromNginx.ms);
    const deployRatio = mbps(total, deployed.ms) / nginxRate;
    const directRatio = mbps(direct.bytes, direct.ms) / nginxRate;
    const hashesOk = [direct, fromNginx].every((f) => f.failures === 0 && f.hashes.length === 1 && f.hashes[0] === sha256);
    const rows: Row[] = [
      ['agents (simulator processes), database, file', `${o.agents} (${o.sims}), ${run.backend}, ${TARGET.megabytes} MB`],
      [
        'deployment: POST → every target final (download + SHA-256 on each agent, no step)',
        `${msText(deployed.ms)}, ${succeeded}/${o.agents} succeeded`,
      ],
      ['deployment throughput, and ratio to nginx', `${rate(total, deployed.ms)}, ${deployRatio.toFixed(2)}× nginx`],
      [
        'Pons file download to the same clients (admin route), and ratio',
        `${rate(direct.bytes, direct.ms)}, ${directRatio.toFixed(2)}× nginx`,
      ],
      [`nginx ${nginxVersion()} (worker per core, sendfile, TLS, same certificate)`, rate(fromNginx.bytes, fromNginx.ms)],
      ['server CPU during the deployment', `${(deployCpu / 1000).toFixed(1)} s over ${msText(deployed.ms)}`],
      [
        'client CPU: simulator during the deployment / fetch client for nginx; other processes',
        `${(deploySimCpu / 1000).toFixed(1)} s / ${(fromNginx.cpuMs / 1000).toFixed(1)} s; ${(machine.otherMs / 1000).toFixed(1)} s during the deployment`,
      ],
      ['every download hashed to the file', hashesOk && succeeded === o.agents ? 'yes' : 'NO'],
    ];
    const why: string[] = [];
    if (succeeded < o.agents) why.push(`${o.agents - succeeded} targets did not succeed`);
    if (!hashesOk) why.push('a download did not hash to the file');
    if (deployRatio < TARGET.ratio) why.push(`deployment throughput ${deployRatio.toFixed(2)}× nginx < ${TARGET.ratio}`);
    report(
      'deploy',
      `deploy: ${TARGET.megabytes} MB to ${o.agents} agents against nginx`,
      o,
      {
        pass: why.length === 0,
        target: `${TARGET.megabytes} MB to ${TARGET.agents} agents at ≥ ${TARGET.ratio}× nginx's throughput to the same clients`,
        why,
      },
      rows,
      [
        "Both sides run on this machine: the server (or nginx) and the clients share its two cores, so each figure includes the clients' TLS and SHA-256 work. The deployment figure also includes scheduling, the signed deploy.start to every agent and their job reports.",
      ],
    );
    return why.length === 0;
  } finally {
    await nginx?.stop();
    await run.dispose();
    rmSync(work, { recursive: true, force: true });
  }
});
