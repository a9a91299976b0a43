/**
 * The reconcile every Flux source kind shares, as a list of steps:
 * read → validate (Stalled on a bad spec) → suspended? → fetch → artifact in status, Ready.
 * A failed fetch keeps the last good artifact, says why on Ready/FetchFailed, records a
 * Warning event when the message changes, and is retried with backoff (the error is
 * rethrown after the status is written). Each kind supplies only `fetch`.
 */
import type { Artifact, FluxObject, FluxStatus } from '../../api/flux/index.js';
import { RECONCILE_REQUESTED_ANNOTATION } from '../../api/flux/index.js';
import { parseGoDuration } from '../../api/argo/duration.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Logger } from '../../util/log.js';
import { toArtifact, type LocalArtifact } from './artifacts.js';
import {
  deleteCondition,
  getCondition,
  markFailedStalled,
  markReady,
  markReconciling,
  markRetrying,
  markTrue,
  Reason,
} from './conditions.js';
import { FluxEvents } from './events.js';
import type { ReconcileOutcome } from './kind-controller.js';
import { withJitter } from './kind-controller.js';
import { patchStatus } from './status.js';

export const FETCH_FAILED = 'FetchFailed';
export const ARTIFACT_IN_STORAGE = 'ArtifactInStorage';

/** What every source's spec has in common. */
export interface SourceSpec {
  interval?: string;
  suspend?: boolean;
}

export type AnySource = FluxObject<SourceSpec, FluxStatus & { artifact?: Artifact; url?: string }>;

/** What a fetch produced: an artifact (most kinds) or only a readiness message (OCI HelmRepository). */
export interface FetchResult {
  artifact?: LocalArtifact;
  /** Ready=True message. */
  message: string;
  /** Ready=True reason; default Succeeded. */
  reason?: string;
  /** Extra status fields (url, observedChartName, …). */
  status?: Record<string, unknown>;
}

/** A fetch failure: the reason Flux reports for it, and whether retrying can help. */
export class SourceFetchError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly terminal = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceFetchError';
  }
}

export interface SourceKindHandler<T extends AnySource> {
  apiVersion: string;
  kind: string;
  validate(obj: unknown): string[];
  fetch(obj: T): Promise<FetchResult>;
  /** How a plain Error from fetch is reported (e.g. GitOperationFailed). */
  failureReason: string;
  /** Called after a new artifact revision is published. */
  onNewArtifact?: (obj: T, artifact: Artifact) => void;
}

export interface SourceDeps {
  home: Cluster;
  log: Logger;
  now?: () => Date;
}

export function intervalMs(interval: string | undefined, fallbackMs = 60_000): number {
  const ms = interval ? parseGoDuration(interval) : undefined;
  return ms && ms > 0 ? ms : fallbackMs;
}

export async function reconcileSource<T extends AnySource>(
  deps: SourceDeps,
  handler: SourceKindHandler<T>,
  ref: { namespace: string; name: string },
): Promise<ReconcileOutcome> {
  const { home, log } = deps;
  const obj = (await home.get({ apiVersion: handler.apiVersion, kind: handler.kind, ...ref })) as
    T | undefined;
  if (!obj || obj.metadata.deletionTimestamp) return {};
  const draft = structuredClone(obj);
  const status = (draft.status ??= {});
  const requested = obj.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
  if (requested) status.lastHandledReconcileAt = requested;
  const events = new FluxEvents(home, obj, log);
  const errors = handler.validate(obj);
  if (errors.length > 0) {
    const message = errors.join('; ');
    if (getCondition(obj, 'Ready')?.message !== message) events.warning(Reason.InvalidSpec, message);
    markFailedStalled(draft, Reason.InvalidSpec, message);
    status.observedGeneration = obj.metadata.generation;
    await patchStatus(home, obj, draft);
    return {};
  }
  if (draft.spec.suspend) {
    await patchStatus(home, obj, draft);
    return {};
  }
  return fetchInto(deps, handler, { obj, draft, events });
}

interface Attempt<T extends AnySource> {
  obj: T;
  draft: T;
  events: FluxEvents;
}

/** Publishes a fetched artifact on the working copy; says so when its revision is new. */
function publish<T extends AnySource>(
  handler: SourceKindHandler<T>,
  attempt: Attempt<T>,
  result: FetchResult,
  now: string,
): void {
  const { obj, draft, events } = attempt;
  if (!result.artifact) return;
  const owner = { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
  const artifact = toArtifact(owner, result.artifact, now, obj.status?.artifact);
  draft.status!.artifact = artifact;
  markTrue(
    draft,
    ARTIFACT_IN_STORAGE,
    Reason.Succeeded,
    `stored artifact for revision '${artifact.revision}'`,
  );
  if (obj.status?.artifact?.revision !== artifact.revision) {
    events.normal('NewArtifact', result.message);
    handler.onNewArtifact?.(draft, artifact);
  }
}

async function fetchInto<T extends AnySource>(
  deps: SourceDeps,
  handler: SourceKindHandler<T>,
  attempt: Attempt<T>,
): Promise<ReconcileOutcome> {
  const { obj, draft } = attempt;
  const now = (deps.now?.() ?? new Date()).toISOString();
  if (obj.status?.observedGeneration !== obj.metadata.generation) {
    const message = `processing object: new generation ${obj.metadata.generation ?? 0}`;
    markReconciling(draft, Reason.Progressing, message);
    await patchStatus(deps.home, obj, draft);
  }
  try {
    const result = await handler.fetch(draft);
    Object.assign(draft.status!, result.status ?? {});
    publish(handler, attempt, result, now);
    deleteCondition(draft, FETCH_FAILED);
    markReady(draft, result.reason ?? Reason.Succeeded, result.message);
    draft.status!.observedGeneration = obj.metadata.generation;
    await patchStatus(deps.home, obj, draft);
    return { requeueAfterMs: withJitter(intervalMs(obj.spec.interval)) };
  } catch (err) {
    return fetchFailed(deps, { ...attempt, err, reason: handler.failureReason });
  }
}

interface Failure<T extends AnySource> {
  obj: T;
  draft: T;
  events: FluxEvents;
  err: unknown;
  reason: string;
}

async function fetchFailed<T extends AnySource>(
  deps: SourceDeps,
  failure: Failure<T>,
): Promise<ReconcileOutcome> {
  const { obj, draft, events, err } = failure;
  const reason = err instanceof SourceFetchError ? err.reason : failure.reason;
  const message = err instanceof Error ? err.message : String(err);
  if (getCondition(obj, 'Ready')?.message !== message) events.warning(reason, message);
  markTrue(draft, FETCH_FAILED, reason, message);
  if (err instanceof SourceFetchError && err.terminal) {
    markFailedStalled(draft, reason, message);
    draft.status!.observedGeneration = obj.metadata.generation;
    await patchStatus(deps.home, obj, draft);
    return {};
  }
  markRetrying(draft, reason, message);
  await patchStatus(deps.home, obj, draft);
  throw err;
}
