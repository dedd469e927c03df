import { spawn, type ChildProcess } from 'node:child_process';
import type { Shell } from '@pons/protocol';

export interface RunOptions {
  shell: Shell;
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Each complete line of output, as it comes. */
  onLine: (stream: 'stdout' | 'stderr', line: string) => void;
  signal?: AbortSignal;
}

export interface RunOutcome {
  /** The exit code; null when the command was killed (timeout, cancel) or could not start. */
  exitCode: number | null;
  timedOut: boolean;
  cancelled: boolean;
  /** Why it could not start (the shell is missing), when it could not. */
  startError: string | null;
}

const MAX_LINE = 4000;
/** How long a killed command's processes get to end after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 3000;

/** Splits `exec` command lines on spaces, keeping double- or single-quoted parts together. */
export function splitCommandLine(text: string): string[] {
  const parts: string[] = [];
  for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    parts.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? match[3] ?? ''));
  }
  return parts;
}

function programFor(shell: Shell, command: string): [string, string[]] {
  switch (shell) {
    case 'sh':
      return ['/bin/sh', ['-c', command]];
    case 'bash':
      return ['bash', ['-c', command]];
    // Windows shells: written to the documented command lines, not run on this project's CI (Linux).
    case 'powershell':
      return ['powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', command]];
    case 'cmd':
      return ['cmd.exe', ['/d', '/s', '/c', command]];
    case 'exec': {
      const [program = '', ...args] = splitCommandLine(command);
      return [program, args];
    }
  }
}

/** Ends the command and every process it started (its process group on POSIX, its tree on Windows). */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' }).on('error', () => undefined);
    return;
  }
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  setTimeout(() => signal('SIGKILL'), KILL_GRACE_MS).unref();
}

function lineSplitter(emit: (line: string) => void) {
  let rest = '';
  return {
    push(chunk: string) {
      const lines = (rest + chunk).split(/\r?\n/);
      rest = lines.pop() ?? '';
      for (const line of lines) emit(line.slice(0, MAX_LINE));
      if (rest.length > MAX_LINE * 4) {
        emit(rest.slice(0, MAX_LINE));
        rest = '';
      }
    },
    end() {
      if (rest !== '') emit(rest.slice(0, MAX_LINE));
      rest = '';
    },
  };
}

/** Runs one command in its own process group, streaming its output lines, within its time limit. */
export function runCommand(options: RunOptions): Promise<RunOutcome> {
  const [program, args] = programFor(options.shell, options.command);
  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out = lineSplitter((line) => options.onLine('stdout', line));
    const err = lineSplitter((line) => options.onLine('stderr', line));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => err.push(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, options.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      killTree(child);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    let startError: string | null = null;
    child.on('error', (error: NodeJS.ErrnoException) => {
      startError = error.code === 'ENOENT' ? `${program} was not found on this machine` : error.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      out.end();
      err.end();
      const killed = timedOut || cancelled || startError !== null;
      resolve({ exitCode: killed ? null : code, timedOut, cancelled, startError });
    });
    if (options.signal?.aborted) onAbort();
  });
}
