import { useState } from 'react';
import { errorMessage } from '../api.js';

/**
 * A form's sending state: what it is doing (`busy`), its mistakes or the server's refusal (`errors`), and the sentence
 * a success may leave (`done`).
 */
export function useSubmit() {
  const [doing, setDoing] = useState<string | null>(null);
  const [errors, setErrors] = useState<readonly string[]>([]);
  const [done, setDone] = useState<string | null>(null);

  /** Runs `work` with the form busy (`kind` tells a form's actions apart); resolves to whether it worked. */
  async function run(work: () => Promise<string | void>, kind = 'submit'): Promise<boolean> {
    setDoing(kind);
    setErrors([]);
    setDone(null);
    try {
      const text = await work();
      if (text) setDone(text);
      return true;
    } catch (failure) {
      setErrors([errorMessage(failure)]);
      return false;
    } finally {
      setDoing(null);
    }
  }

  /** The form's own mistakes, found before sending. */
  const fail = (found: readonly string[]) => {
    setDone(null);
    setErrors(found);
  };
  const notify = (text: string) => {
    setErrors([]);
    setDone(text);
  };

  return { busy: doing !== null, doing, errors, done, run, fail, notify };
}
