import { createInterface } from 'node:readline/promises';
import { CliError, ExitCode, usageError } from '../errors.js';

export interface Terminal {
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

/** Asks on the terminal without echoing what is typed (passwords). Prompts go to stderr. */
export function askSecret({ stdin, stderr }: Terminal, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: CliError) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new CliError('interrupted', ExitCode.interrupted));
        if (char === '\u0004') return finish(value === '' ? usageError('no password was typed') : undefined);
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else if (char >= ' ') value += char;
      }
    };
    stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** A yes/no question on the terminal; anything but y or yes is no. */
export async function confirm({ stdin, stderr }: Terminal, question: string): Promise<boolean> {
  const rl = createInterface({ input: stdin, output: stderr, terminal: true });
  try {
    return /^\s*y(es)?\s*$/i.test(await rl.question(question));
  } finally {
    rl.close();
  }
}

/**
 * Reads stdin to its end and returns the first `count` lines without their line endings, for
 * secrets piped by scripts (`printf '%s\n' "$PASSWORD" | pons login --password-stdin`). Up to
 * `optional` more lines follow when they are there (a second-factor code after the password).
 */
export async function readStdinLines(stdin: NodeJS.ReadableStream, count: number, what: string, optional = 0): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const all = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  const lines = all.slice(0, count);
  if (lines.length < count || lines.some((line) => line === '')) {
    throw usageError(`expected ${what} on stdin, one per line`);
  }
  // An empty line ends the optional ones: it is what the final newline leaves.
  const more = all.slice(count, count + optional);
  const end = more.indexOf('');
  return [...lines, ...(end < 0 ? more : more.slice(0, end))];
}
