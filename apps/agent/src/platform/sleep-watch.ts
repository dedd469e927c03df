import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { AgentLogger } from '../log.js';

/** `PrepareForSleep (true,)` before sleeping, `(false,)` after waking, as `gdbus monitor` prints them. */
export function parseSleepSignal(line: string): 'sleep' | 'resume' | null {
  const match = /org\.freedesktop\.login1\.Manager\.PrepareForSleep \((true|false),\)/.exec(line);
  if (!match) return null;
  return match[1] === 'true' ? 'sleep' : 'resume';
}

export interface SleepWatch {
  stop(): void;
}

/**
 * Tells the agent when a Linux host is about to sleep, through logind's PrepareForSleep signal.
 * A delay inhibitor (systemd-inhibit) holds the sleep back until the agent has said goodbye, so the
 * console shows "host went to sleep" rather than a network timeout. Without systemd-logind (or
 * without gdbus) it does nothing and says so once in the log.
 */
export function watchSleep(handlers: { sleep: () => Promise<void>; resume: () => void }, log: AgentLogger): SleepWatch {
  let stopped = false;
  let inhibitor: ChildProcess | null = null;
  const inhibit = () => {
    if (stopped) return;
    inhibitor = spawn(
      'systemd-inhibit',
      ['--what=sleep', '--mode=delay', '--who=Pons agent', '--why=Tell the server the host is going to sleep', 'sleep', 'infinity'],
      { stdio: 'ignore' },
    );
    inhibitor.on('error', () => (inhibitor = null));
  };
  const release = () => {
    inhibitor?.kill();
    inhibitor = null;
  };
  const monitor = spawn('gdbus', ['monitor', '--system', '--dest', 'org.freedesktop.login1', '--object-path', '/org/freedesktop/login1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  monitor.on('error', (error) => log.info(`sleep announcements disabled: ${error.message}`));
  monitor.on('exit', (code) => {
    release();
    if (!stopped) log.info(`sleep announcements disabled: the logind monitor ended (${code ?? 'signal'})`);
  });
  createInterface({ input: monitor.stdout }).on('line', (line) => {
    const signal = parseSleepSignal(line);
    if (signal === 'sleep') {
      handlers.sleep().then(release, release);
    } else if (signal === 'resume') {
      inhibit();
      handlers.resume();
    }
  });
  inhibit();
  return {
    stop() {
      stopped = true;
      release();
      monitor.kill();
    },
  };
}
