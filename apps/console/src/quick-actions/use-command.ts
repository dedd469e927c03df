import { useState } from 'react';
import type { CommandName, CommandTargetResult } from '@pons/protocol';
import { api, errorMessage } from '../api.js';
import type { Built } from './command-args.js';

export interface CommandRun {
  busy: boolean;
  /** The machine's answer, or the state the command was in when the wait ended. */
  result: CommandTargetResult | null;
  /** The form's mistakes, or the server's refusal as it says it. */
  errors: string[];
  run: (name: CommandName, built: Built<Record<string, unknown>>) => Promise<void>;
}

/** Sends one command to the machine and waits for its outcome; `onSent` lets the history reload. */
export function useCommand(machineId: string, onSent: () => void): CommandRun {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CommandTargetResult | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  async function run(name: CommandName, built: Built<Record<string, unknown>>) {
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setBusy(true);
    setErrors([]);
    setResult(null);
    try {
      setResult(await api.runCommand(machineId, { name, args: built.args }));
    } catch (failure) {
      setErrors([errorMessage(failure)]);
    } finally {
      setBusy(false);
      onSent();
    }
  }

  return { busy, result, errors, run };
}
