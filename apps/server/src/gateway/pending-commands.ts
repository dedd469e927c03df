import type { ResultFrame } from '@pons/protocol';
import { PonsError } from '../platform/errors.js';

interface Pending {
  machineId: string;
  resolve: (output: unknown) => void;
  reject: (error: PonsError) => void;
  timer: NodeJS.Timeout;
}

/** Commands sent and not yet answered, each with its timeout. */
export class PendingCommands {
  private readonly pending = new Map<string, Pending>();

  wait(commandId: string, machineId: string, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(commandId);
        reject(new PonsError('PONS_E_COMMAND_TIMEOUT', `The agent did not answer within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      this.pending.set(commandId, { machineId, resolve, reject, timer });
    });
  }

  settle(frame: ResultFrame, fromMachine: string): boolean {
    const entry = this.pending.get(frame.commandId);
    if (!entry || entry.machineId !== fromMachine) return false;
    this.pending.delete(frame.commandId);
    clearTimeout(entry.timer);
    if (frame.status === 'ok') entry.resolve(frame.output);
    else
      entry.reject(
        new PonsError(
          frame.error?.code ?? 'PONS_E_INTERNAL',
          `The agent ${frame.status === 'rejected' ? 'refused' : 'failed'} the command: ${frame.error?.message ?? 'no reason given'}.`,
        ),
      );
    return true;
  }

  /** Fails every command still waiting on a machine whose connection went away. */
  failMachine(machineId: string): void {
    for (const [id, entry] of this.pending) {
      if (entry.machineId !== machineId) continue;
      this.pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(new PonsError('PONS_E_MACHINE_OFFLINE', 'The machine disconnected before answering.'));
    }
  }
}
