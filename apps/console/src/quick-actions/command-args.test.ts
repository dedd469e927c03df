import { describe, expect, it } from 'vitest';
import { CommandArgSchemas, Shell } from '@pons/protocol';
import { SHELLS } from '../ui/shell-select.js';
import {
  commandText,
  emptyPower,
  emptyReconfigure,
  emptyShell,
  LOG_LEVELS,
  outcome,
  powerArgs,
  reconfigureArgs,
  shellArgs,
  shellOutput,
} from './command-args.js';

describe('powerArgs', () => {
  it("sends Medulla's 15 s by default, nothing for an empty delay, and the message trimmed", () => {
    expect(powerArgs(emptyPower)).toEqual({ args: { delayS: 15 } });
    expect(powerArgs({ delayS: ' ', message: '' })).toEqual({ args: {} });
    expect(powerArgs({ delayS: '0', message: '  Back in 5 minutes ' })).toEqual({ args: { delayS: 0, message: 'Back in 5 minutes' } });
    expect(powerArgs({ delayS: '86400', message: '' }).args).toEqual({ delayS: 86_400 });
  });

  it('refuses a delay out of range or not whole, and a message too long', () => {
    expect(powerArgs({ delayS: '86401', message: 'x'.repeat(501) }).errors).toEqual([
      'Delay: a whole number of seconds from 0 to 86,400 (a day).',
      'Message: 500 characters at most (it has 501).',
    ]);
    expect(powerArgs({ delayS: '1.5', message: '' }).errors).toHaveLength(1);
    expect(powerArgs({ delayS: '-1', message: '' }).errors).toHaveLength(1);
  });
});

describe('shellArgs', () => {
  it('sends the command as written, with a time limit only when given', () => {
    expect(shellArgs({ ...emptyShell, command: 'echo hi' })).toEqual({ args: { shell: 'sh', command: 'echo hi' } });
    expect(shellArgs({ shell: 'powershell', command: 'Get-Date', timeoutS: '30' }).args).toEqual({
      shell: 'powershell',
      command: 'Get-Date',
      timeoutS: 30,
    });
  });

  it('refuses an empty command and a time limit out of range', () => {
    expect(shellArgs({ shell: 'bash', command: '  ', timeoutS: '3601' }).errors).toEqual([
      'Write the command to run.',
      'Time limit: a whole number of seconds from 1 to 3,600, or empty for 60.',
    ]);
    expect(shellArgs({ shell: 'bash', command: 'true', timeoutS: '0' }).errors).toHaveLength(1);
  });

  it("offers the protocol's shells", () => {
    expect(SHELLS.map((s) => s.value)).toEqual(Shell.anyOf.map((s) => s.const));
  });
});

describe('reconfigureArgs', () => {
  it('splits the servers on spaces, commas and lines, without repeats', () => {
    expect(reconfigureArgs({ servers: 'https://a.example:8443, https://b.example\nhttps://a.example:8443', logLevel: 'debug' })).toEqual({
      args: { servers: ['https://a.example:8443', 'https://b.example'], logLevel: 'debug' },
    });
    expect(reconfigureArgs({ servers: '', logLevel: 'warn' })).toEqual({ args: { logLevel: 'warn' } });
  });

  it('needs https addresses, and something to change', () => {
    expect(reconfigureArgs({ servers: 'http://a.example https://', logLevel: '' }).errors).toEqual([
      'Servers: not an https:// address: http://a.example, https://.',
    ]);
    expect(reconfigureArgs(emptyReconfigure).errors).toEqual(['Give the servers, a log level, or both.']);
  });

  it("offers the protocol's log levels", () => {
    const schema = CommandArgSchemas['agent.reconfigure'].properties.logLevel;
    expect(LOG_LEVELS).toEqual(schema.anyOf.map((s) => s.const));
  });
});

describe('outcome', () => {
  const shell = (output: unknown) => outcome({ name: 'shell.run', status: 'succeeded', output, error: null });

  it('reads a command run: exit code 0 succeeds, any other code or a timeout fails', () => {
    expect(shell({ exitCode: 0, timedOut: false, lines: ['hi'], truncated: 0 })).toEqual({ tone: 'success', text: 'Exit code 0' });
    expect(shell({ exitCode: 3, timedOut: false, lines: [], truncated: 0 })).toEqual({ tone: 'failure', text: 'Exit code 3' });
    expect(shell({ exitCode: null, timedOut: true, lines: [], truncated: 0 }).tone).toBe('failure');
  });

  it("says the server's or the agent's error as it is, and a command still on its way", () => {
    const error = { code: 'PONS_E_VALIDATION' as const, message: 'The shell is not installed.' };
    expect(outcome({ name: 'shell.run', status: 'failed', output: null, error })).toEqual({
      tone: 'failure',
      text: 'The shell is not installed.',
    });
    expect(outcome({ name: 'machine.reboot', status: 'expired', output: null, error: null })).toEqual({ tone: 'failure', text: 'expired' });
    expect(outcome({ name: 'machine.reboot', status: 'queued', output: null, error: null }).tone).toBe('waiting');
    expect(outcome({ name: 'machine.reboot', status: 'sent', output: null, error: null }).tone).toBe('active');
  });

  it('reads the other quick actions', () => {
    expect(outcome({ name: 'machine.shutdown', status: 'succeeded', output: { inS: 15, told: 'notify-send' }, error: null }).text).toBe(
      'Shuts down in 15 s',
    );
    expect(
      outcome({ name: 'agent.reconfigure', status: 'succeeded', output: { servers: ['https://a.example'], logLevel: 'info' }, error: null })
        .text,
    ).toBe('servers https://a.example; log level info');
    expect(outcome({ name: 'inventory.collect', status: 'succeeded', output: {}, error: null })).toEqual({ tone: 'success', text: 'Done' });
  });
});

describe('shellOutput', () => {
  it('takes only what looks like a command run', () => {
    expect(shellOutput({ exitCode: 1, timedOut: false, lines: ['! oops'], truncated: 2 })).toEqual({
      exitCode: 1,
      timedOut: false,
      lines: ['! oops'],
      truncated: 2,
    });
    expect(shellOutput({ inS: 0 })).toBeNull();
    expect(shellOutput(null)).toBeNull();
  });
});

describe('commandText', () => {
  it('writes a command on one line', () => {
    expect(commandText({ name: 'shell.run', args: { shell: 'sh', command: 'exit 3' } })).toBe('Run (sh): exit 3');
    expect(commandText({ name: 'machine.reboot', args: { delayS: 15 } })).toBe('Restart in 15 s');
    expect(commandText({ name: 'machine.shutdown', args: {} })).toBe('Shut down in 0 s');
    expect(commandText({ name: 'agent.reconfigure', args: { logLevel: 'debug' } })).toBe('Reconfigure agent: log level debug');
    expect(commandText({ name: 'deploy.start', args: null })).toBe('Deployment start');
    expect(commandText({ name: 'tunnel.open', args: { kind: 'vnc' } })).toBe('Open tunnel: vnc');
    expect(commandText({ name: 'tunnel.open', args: { kind: 'file-read', path: '/tmp/a' } })).toBe('Open tunnel: file-read /tmp/a');
    expect(commandText({ name: 'wol.send', args: {} })).toBe('Send Wake-on-LAN');
  });
});
