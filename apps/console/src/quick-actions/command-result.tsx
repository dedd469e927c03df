import type { CommandName, CommandTargetResult } from '@pons/protocol';
import { outcome, shellOutput } from './command-args.js';

/** How a command ended: a badge and a sentence, then a command run's output lines. */
export function CommandResult({ name, result, testId }: { name: CommandName; result: CommandTargetResult; testId: string }) {
  const { tone, text } = outcome({ name, ...result });
  return (
    <div className="command-result" data-testid={testId} role="status">
      <p>
        <span className={`badge tone-${tone}`} data-testid={`${testId}-outcome`}>
          {text}
        </span>
      </p>
      <CommandOutput name={name} output={result.output} failed={tone === 'failure'} />
    </div>
  );
}

/** A command run's lines (stderr marked), or any other command's output as the agent sent it. */
export function CommandOutput({ name, output, failed }: { name: CommandName; output: unknown; failed: boolean }) {
  const shell = name === 'shell.run' ? shellOutput(output) : null;
  if (shell) {
    return (
      <>
        {shell.truncated > 0 && <p className="field-note muted">{shell.truncated} earlier lines were not kept.</p>}
        <pre className={failed ? 'command-output failed' : 'command-output'} aria-label="Output">
          {shell.lines.length === 0 && <span className="muted">(no output)</span>}
          {shell.lines.map((line, index) => (
            <span key={index} className={line.startsWith('! ') ? 'stderr' : undefined}>
              {line}
              {'\n'}
            </span>
          ))}
        </pre>
      </>
    );
  }
  if (output === null || output === undefined) return null;
  return (
    <pre className="command-output" aria-label="Output">
      {JSON.stringify(output, null, 2)}
    </pre>
  );
}
