/**
 * Processes the harness starts (controllers under test) register how to stop them, so
 * an interrupted run (Ctrl-C, SIGTERM) leaves nothing behind.
 */
const stoppers = new Set<() => Promise<unknown>>();

/** Registers `stop`; call the returned function once the process has been stopped normally. */
export function registerStop(stop: () => Promise<unknown>): () => void {
  stoppers.add(stop);
  return () => stoppers.delete(stop);
}

export async function stopAll(): Promise<void> {
  const all = [...stoppers];
  stoppers.clear();
  await Promise.all(all.map((stop) => stop().catch(() => undefined)));
}
