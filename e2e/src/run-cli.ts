import { spawn } from 'node:child_process';
import { LAUNCHER } from '@pons/test-kit';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `pons` command, as an admin's script would, with its own credentials file. */
export function runCli(args: string[], options: { input?: string; config: string; cwd?: string }): Promise<Run> {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    env: { ...process.env, PONS_CLI_CONFIG: options.config, PONS_SERVER: '', PONS_DEBUG: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
