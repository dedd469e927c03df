import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import type { CommandArgs } from '@pons/protocol';
import { runCommand } from './deploy/command-runner.js';
import type { AgentLogger } from './log.js';

const KEPT_LINES = 200;

export interface QuickActionHost {
  rebootCommand: string[];
  shutdownCommand: string[];
  notify(title: string, message: string): Promise<string>;
  machineId(): string;
  log: AgentLogger;
}

/**
 * Medulla's quick actions on one machine: restart or shut down after a delay with a message
 * for the user, run a command and give back its output.
 */
export class QuickActions {
  private pending: NodeJS.Timeout | null = null;

  constructor(private readonly host: QuickActionHost) {}

  /** Schedules the restart or shutdown and says when it will happen. */
  async power(kind: 'reboot' | 'shutdown', args: CommandArgs<'machine.reboot'>): Promise<{ inS: number; told: string }> {
    const delayS = args.delayS ?? 0;
    const message = args.message ?? `This computer will ${kind === 'reboot' ? 'restart' : 'shut down'} in ${delayS} seconds.`;
    const told = await this.host.notify(kind === 'reboot' ? 'Restart' : 'Shutdown', message);
    const [program = '', ...rest] = kind === 'reboot' ? this.host.rebootCommand : this.host.shutdownCommand;
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.host.log.warn(`${kind} requested from the server`, { program });
      spawn(program, rest, { stdio: 'ignore', detached: true })
        .on('error', (error) => this.host.log.error(`${kind} command failed`, { error: error.message }))
        .unref();
    }, delayS * 1000);
    return { inS: delayS, told };
  }

  /** Runs a command in the temporary directory and answers with its exit code and last lines. */
  async run(args: CommandArgs<'shell.run'>): Promise<{ exitCode: number | null; timedOut: boolean; lines: string[]; truncated: number }> {
    const lines: string[] = [];
    let dropped = 0;
    const outcome = await runCommand({
      shell: args.shell,
      command: args.command,
      cwd: tmpdir(),
      env: { ...process.env, PONS_MACHINE_ID: this.host.machineId() },
      timeoutMs: (args.timeoutS ?? 60) * 1000,
      onLine: (stream, line) => {
        lines.push(stream === 'stderr' ? `! ${line}` : line);
        if (lines.length > KEPT_LINES) {
          lines.shift();
          dropped++;
        }
      },
    });
    if (outcome.startError) throw new Error(outcome.startError);
    return { exitCode: outcome.exitCode, timedOut: outcome.timedOut, lines, truncated: dropped };
  }
}
