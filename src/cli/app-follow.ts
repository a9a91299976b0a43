/**
 * Following an Application until something holds, shared by the kube and the server
 * variants of `ferry app`: an operation until it ends, or the app until Synced/Healthy.
 * `load` reads the app the way the command talks to Ferry.
 */
import type { Application, OperationState } from '../api/argo/index.js';
import { progressReporter } from '../util/progress.js';
import { appSummary } from './app-view.js';

export type LoadApp = () => Promise<Application>;

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Shows the operation's progress until the controller finishes it, then the app's summary. */
export async function followOperation(
  name: string,
  load: LoadApp,
  requested: Date,
  timeoutMs: number,
): Promise<void> {
  const progress = progressReporter();
  const deadline = Date.now() + timeoutMs;
  progress.step(
    `waiting for the controller to start the operation on ${name} (is 'ferry controller' running?)`,
  );
  for (;;) {
    const a = await load();
    const state = operationStateSince(a, requested);
    if (state) progress.step(`${name}: ${state.phase} ${state.message ?? ''}`);
    if (state && !a.operation && !['Running', 'Terminating'].includes(state.phase)) {
      progress.done();
      process.stdout.write(appSummary(a));
      if (state.phase !== 'Succeeded') process.exitCode = 1;
      return;
    }
    if (Date.now() > deadline) throw new Error(`the operation on ${name} did not finish in time`);
    await pause(500);
  }
}

/** The app's operation state if it is of an operation started since `requested` (1 s of clock skew allowed). */
function operationStateSince(app: Application, requested: Date): OperationState | undefined {
  const state = app.status?.operationState;
  return state && Date.parse(state.startedAt) >= requested.getTime() - 1000 ? state : undefined;
}

/** Waits until the app is Synced and Healthy, showing its state. */
export async function waitSyncedHealthy(
  name: string,
  load: LoadApp,
  timeout: { ms: number; text: string },
): Promise<void> {
  const progress = progressReporter();
  const deadline = Date.now() + timeout.ms;
  for (;;) {
    const a = await load();
    const state = `${a.status?.sync?.status ?? 'Unknown'}/${a.status?.health?.status ?? 'Unknown'}`;
    progress.step(`${name}: ${state}`);
    if (state === 'Synced/Healthy') return progress.done(`${name} is Synced and Healthy`);
    if (Date.now() > deadline) throw new Error(`${name} is ${state} after ${timeout.text}`);
    await pause(1000);
  }
}

/** After a terminate request: waits until the operation is gone and says how it ended. */
export async function waitTerminated(name: string, load: LoadApp, timeoutMs: number): Promise<void> {
  const progress = progressReporter();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = await load();
    const state = describeState(a.status?.operationState);
    progress.step(`${name}: ${state}`);
    if (!a.operation && a.status?.operationState?.phase !== 'Terminating')
      return progress.done(`${name}: operation ${state}`);
    if (Date.now() > deadline)
      throw new Error(`the operation on ${name} is still ${state} (is 'ferry controller' running?)`);
    await pause(500);
  }
}

function describeState(state: OperationState | undefined): string {
  if (!state) return 'no operation';
  return state.message ? `${state.phase}: ${state.message}` : state.phase;
}
