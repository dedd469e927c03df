import { afterEach, describe, expect, it, vi } from 'vitest';
import { PendingCommands } from './pending-commands.js';

afterEach(() => vi.useRealTimers());

describe('PendingCommands', () => {
  it('resolves with the output of the matching machine only', async () => {
    const pending = new PendingCommands();
    const result = pending.wait('c1', 'm1', 1000);
    expect(pending.settle({ type: 'result', commandId: 'c1', status: 'ok', output: 1 }, 'm2')).toBe(false);
    expect(pending.settle({ type: 'result', commandId: 'c1', status: 'ok', output: { a: 1 } }, 'm1')).toBe(true);
    await expect(result).resolves.toEqual({ a: 1 });
  });

  it('turns an agent refusal into an error with its code', async () => {
    const pending = new PendingCommands();
    const result = pending.wait('c1', 'm1', 1000);
    pending.settle(
      { type: 'result', commandId: 'c1', status: 'rejected', error: { code: 'PONS_E_SIGNATURE_INVALID', message: 'bad signature' } },
      'm1',
    );
    await expect(result).rejects.toMatchObject({
      code: 'PONS_E_SIGNATURE_INVALID',
      message: 'The agent refused the command: bad signature.',
    });
  });

  it('times out, and fails at once when the machine disconnects', async () => {
    vi.useFakeTimers();
    const pending = new PendingCommands();
    const late = pending.wait('c1', 'm1', 5000);
    const lost = pending.wait('c2', 'm2', 5000);
    pending.failMachine('m2');
    await expect(lost).rejects.toMatchObject({ code: 'PONS_E_MACHINE_OFFLINE' });
    vi.advanceTimersByTime(5001);
    await expect(late).rejects.toMatchObject({ code: 'PONS_E_COMMAND_TIMEOUT' });
  });
});
