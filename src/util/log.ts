/**
 * Log lines: `time level message key=value…` on stderr. Callers pass identifiers and
 * messages, never object contents, so Secret values cannot reach the log.
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
}

function format(level: string, message: string, fields: LogFields = {}): string {
  const kv = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return `${new Date().toISOString()} ${level.padEnd(5)} ${message}${kv ? ` ${kv}` : ''}\n`;
}

export function createLogger(options: { debug?: boolean; stream?: NodeJS.WritableStream } = {}): Logger {
  const out = options.stream ?? process.stderr;
  return {
    info: (m, f) => out.write(format('info', m, f)),
    warn: (m, f) => out.write(format('warn', m, f)),
    error: (m, f) => out.write(format('error', m, f)),
    debug: (m, f) => {
      if (options.debug) out.write(format('debug', m, f));
    },
  };
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
