/**
 * Progress lines for long operations in the CLI: on a terminal one line that updates
 * in place with elapsed time; elsewhere (CI, pipes) one plain line per step.
 */
export interface ProgressReporter {
  step(message: string): void;
  done(message?: string): void;
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  let current = '';
  let lastPrinted = '';
  let timer: NodeJS.Timeout | undefined;
  const draw = (): void => {
    stream.write(`\r\x1b[2K… ${current} (${elapsed()})`);
  };
  return {
    step(message) {
      if (stream.isTTY) {
        current = message;
        draw();
        timer ??= setInterval(draw, 500).unref();
      } else if (message !== lastPrinted) {
        lastPrinted = message;
        stream.write(`[${elapsed()}] ${message}\n`);
      }
    },
    done(message) {
      if (timer) clearInterval(timer);
      if (stream.isTTY) stream.write('\r\x1b[2K');
      if (message) stream.write(`✓ ${message} (${elapsed()})\n`);
    },
  };
}
