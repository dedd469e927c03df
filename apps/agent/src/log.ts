/** A small JSON-lines logger on stderr; the agent never logs tokens or keys. */
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

export interface AgentLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Changes the level from now on (`agent.reconfigure`). */
  setLevel?(level: LogLevel): void;
}

export function createAgentLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): AgentLogger {
  let threshold: number = LEVELS[level] ?? LEVELS.info;
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < threshold) return;
    write(`${JSON.stringify({ level: lvl, time: new Date().toISOString(), svc: 'pons-agent', msg, ...fields })}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    setLevel: (next) => (threshold = LEVELS[next] ?? threshold),
  };
}
