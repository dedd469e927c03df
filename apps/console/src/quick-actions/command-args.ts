import type { CommandArgs, CommandName, CommandTargetResult, MachineCommand, Shell } from '@pons/protocol';
import type { Tone } from '../deployments/target-states.js';

/**
 * The quick actions' forms as typed, the arguments they send, and how an answer reads: numbers
 * stay text until sent, and every mistake is said before the server has to. Pure, tested.
 */
export type Built<T> = { args: T; errors?: undefined } | { errors: string[]; args?: undefined };

export type PowerCommand = 'machine.reboot' | 'machine.shutdown';
export type LogLevel = NonNullable<CommandArgs<'agent.reconfigure'>['logLevel']>;

/** The agent's levels, as the protocol has them (a test holds the two together). */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface PowerForm {
  /** Seconds; empty means at once. */
  delayS: string;
  message: string;
}
/** Medulla's default: 15 seconds, and the agent's own sentence for the user. */
export const emptyPower: PowerForm = { delayS: '15', message: '' };

export interface ShellForm {
  shell: Shell;
  command: string;
  /** Seconds; empty means the agent's default (60 s). */
  timeoutS: string;
}
export const emptyShell: ShellForm = { shell: 'sh', command: '', timeoutS: '' };

export interface ReconfigureForm {
  /** Server URLs separated by spaces, commas or lines; empty leaves them. */
  servers: string;
  /** Empty leaves the level. */
  logLevel: LogLevel | '';
}
export const emptyReconfigure: ReconfigureForm = { servers: '', logLevel: '' };

function whole(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

const done = <T>(args: T, errors: string[]): Built<T> => (errors.length > 0 ? { errors } : { args });

export function powerArgs(form: PowerForm): Built<CommandArgs<'machine.reboot'>> {
  const errors: string[] = [];
  const args: CommandArgs<'machine.reboot'> = {};
  if (form.delayS.trim()) {
    const delay = whole(form.delayS, 0, 86_400);
    if (delay === null) errors.push('Delay: a whole number of seconds from 0 to 86,400 (a day).');
    else args.delayS = delay;
  }
  const message = form.message.trim();
  if (message.length > 500) errors.push(`Message: 500 characters at most (it has ${message.length}).`);
  else if (message) args.message = message;
  return done(args, errors);
}

export function shellArgs(form: ShellForm): Built<CommandArgs<'shell.run'>> {
  const errors: string[] = [];
  const args: CommandArgs<'shell.run'> = { shell: form.shell, command: form.command };
  if (!form.command.trim()) errors.push('Write the command to run.');
  else if (form.command.length > 65_536) errors.push('The command is too long (64 KiB at most).');
  if (form.timeoutS.trim()) {
    const timeout = whole(form.timeoutS, 1, 3600);
    if (timeout === null) errors.push('Time limit: a whole number of seconds from 1 to 3,600, or empty for 60.');
    else args.timeoutS = timeout;
  }
  return done(args, errors);
}

function isHttpsUrl(text: string): boolean {
  if (!text.startsWith('https://') || text.length > 2048) return false;
  try {
    return new URL(text).host !== '';
  } catch {
    return false;
  }
}

export function reconfigureArgs(form: ReconfigureForm): Built<CommandArgs<'agent.reconfigure'>> {
  const errors: string[] = [];
  const args: CommandArgs<'agent.reconfigure'> = {};
  const servers = form.servers.split(/[\s,]+/).filter(Boolean);
  const wrong = servers.filter((url) => !isHttpsUrl(url));
  if (wrong.length > 0) errors.push(`Servers: not an https:// address: ${wrong.join(', ')}.`);
  else if (servers.length > 16) errors.push('Servers: 16 at most.');
  else if (servers.length > 0) args.servers = [...new Set(servers)];
  if (form.logLevel) args.logLevel = form.logLevel;
  if (errors.length === 0 && !args.servers && !args.logLevel) errors.push('Give the servers, a log level, or both.');
  return done(args, errors);
}

export interface ShellOutput {
  exitCode: number | null;
  timedOut: boolean;
  lines: string[];
  truncated: number;
}

/** `shell.run`'s output, when it is one (the history holds every kind of command). */
export function shellOutput(output: unknown): ShellOutput | null {
  if (typeof output !== 'object' || output === null) return null;
  const o = output as Partial<ShellOutput>;
  if (!Array.isArray(o.lines) || typeof o.timedOut !== 'boolean') return null;
  return {
    exitCode: typeof o.exitCode === 'number' ? o.exitCode : null,
    timedOut: o.timedOut,
    lines: o.lines.map(String),
    truncated: typeof o.truncated === 'number' ? o.truncated : 0,
  };
}

export interface Outcome {
  tone: Tone;
  /** A short sentence: the exit code, when the machine goes down, the error. */
  text: string;
}

type Answer = Pick<CommandTargetResult, 'status' | 'output' | 'error'> & { name: CommandName };

const record = (output: unknown): Record<string, unknown> =>
  typeof output === 'object' && output !== null ? (output as Record<string, unknown>) : {};

/** How a command ended on the machine, for its result and its row in the history. */
export function outcome({ name, status, output, error }: Answer): Outcome {
  if (status === 'queued') return { tone: 'waiting', text: 'Waiting for the machine: it gets the command when it connects.' };
  if (status === 'sent') return { tone: 'active', text: 'Sent; no answer yet.' };
  if (status !== 'succeeded') return { tone: 'failure', text: error?.message ?? status };
  const shell = name === 'shell.run' ? shellOutput(output) : null;
  if (shell) {
    if (shell.timedOut) return { tone: 'failure', text: 'Timed out: the command was stopped.' };
    return { tone: shell.exitCode === 0 ? 'success' : 'failure', text: `Exit code ${shell.exitCode ?? 'unknown'}` };
  }
  const o = record(output);
  if ((name === 'machine.reboot' || name === 'machine.shutdown') && typeof o.inS === 'number')
    return { tone: 'success', text: `${name === 'machine.reboot' ? 'Restarts' : 'Shuts down'} in ${o.inS} s` };
  if (name === 'agent.reconfigure') {
    const servers = Array.isArray(o.servers) ? o.servers.join(', ') : '';
    return {
      tone: 'success',
      text:
        [servers && `servers ${servers}`, typeof o.logLevel === 'string' && `log level ${o.logLevel}`].filter(Boolean).join('; ') || 'Done',
    };
  }
  return { tone: 'success', text: 'Done' };
}

const text = (value: unknown, otherwise: string): string => (typeof value === 'string' ? value : otherwise);

const LABELS: Record<CommandName, string> = {
  'inventory.collect': 'Refresh inventory',
  echo: 'Echo',
  'deploy.start': 'Deployment start',
  'deploy.cancel': 'Deployment cancel',
  'machine.reboot': 'Restart',
  'machine.shutdown': 'Shut down',
  'shell.run': 'Run',
  'agent.reconfigure': 'Reconfigure agent',
  'tunnel.open': 'Open tunnel',
  'wol.send': 'Send Wake-on-LAN',
};

/** A command as one line of the history: `Run (sh): echo hi`, `Restart in 15 s`. */
export function commandText(command: Pick<MachineCommand, 'name' | 'args'>): string {
  const label = LABELS[command.name] ?? command.name;
  const args = record(command.args);
  switch (command.name) {
    case 'shell.run':
      return `${label} (${text(args.shell, '?')}): ${text(args.command, '')}`;
    case 'machine.reboot':
    case 'machine.shutdown':
      return `${label} in ${typeof args.delayS === 'number' ? args.delayS : 0} s`;
    case 'agent.reconfigure': {
      const parts = [
        Array.isArray(args.servers) && `servers ${args.servers.join(', ')}`,
        typeof args.logLevel === 'string' && `log level ${args.logLevel}`,
      ];
      return `${label}: ${parts.filter(Boolean).join('; ')}`;
    }
    case 'tunnel.open':
      return `${label}: ${text(args.kind, '?')}${typeof args.path === 'string' ? ` ${args.path}` : ''}`;
    default:
      return label;
  }
}
