import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@pons/test-kit';
import { say } from './format.js';

const NGINX = '/usr/sbin/nginx';

/** Installs Debian's nginx when it is missing (the bench runs as root on Debian). */
export function ensureNginx(): void {
  if (existsSync(NGINX)) return;
  say("installing Debian's nginx for the comparison (apt-get)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'nginx-light'], { stdio: 'inherit', env });
  // The package starts a system nginx on port 80; the bench runs its own and needs none.
  spawnSync('systemctl', ['stop', 'nginx'], { stdio: 'ignore' });
  spawnSync('service', ['nginx', 'stop'], { stdio: 'ignore' });
}

export function nginxVersion(): string {
  return spawnSync(NGINX, ['-v'], { encoding: 'utf8' })
    .stderr.trim()
    .replace(/^nginx version: /, '');
}

/** nginx in its default shape (a worker per core, sendfile), over TLS with the Pons server's certificate, serving one directory. */
export class Nginx {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly prefix: string,
  ) {}

  static async start(root: string, certFile: string, keyFile: string): Promise<Nginx> {
    const port = await freePort();
    const prefix = mkdtempSync(path.join(tmpdir(), 'pons-bench-nginx-'));
    mkdirSync(path.join(prefix, 'logs'));
    const conf = path.join(prefix, 'nginx.conf');
    writeFileSync(
      conf,
      `worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${certFile};
    ssl_certificate_key ${keyFile};
    root ${root};
  }
}
`,
    );
    const child = spawn(NGINX, ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
    for (let i = 0; i < 100 && !existsSync(path.join(prefix, 'nginx.pid')); i++) await sleep(50);
    if (!existsSync(path.join(prefix, 'nginx.pid'))) throw new Error('nginx did not start');
    return new Nginx(child, port, prefix);
  }

  async stop(): Promise<void> {
    this.child.kill('SIGQUIT');
    await new Promise((resolve) => (this.child.exitCode === null ? this.child.once('exit', resolve) : resolve(null)));
    rmSync(this.prefix, { recursive: true, force: true });
  }
}
