/**
 * Preloaded (`node --import`) into the controller under test: when it has not exited
 * 10 s after SIGTERM, it exits, so that `--cpu-prof` still writes its profile (V8
 * writes it on exit, never on SIGKILL). The marker line tells the harness it happened.
 */
export const FORCED_EXIT_MARKER = 'bench: controller still running 10 s after SIGTERM; exiting';

process.once('SIGTERM', () => {
  setTimeout(() => {
    process.stderr.write(`${FORCED_EXIT_MARKER}\n`);
    process.exit(0);
  }, 10_000).unref();
});
