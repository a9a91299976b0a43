/**
 * ImagePolicy: choose the latest tag of the referenced ImageRepository's last good scan
 * (spec.policy + filterTags), reflect its digest when asked, and publish latestRef (and
 * v1beta2's latestImage) with the previous one. Runs again whenever the repository's scan
 * result or readiness changes (controller.ts wires that).
 */
import {
  IMAGE_API_VERSION,
  imagePolicyErrors,
  type ImagePolicy,
  type ImageRef,
  type ImageRepository,
} from '../../api/image/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Logger } from '../../util/log.js';
import { selectTag, TagPolicyError } from '../../image/policy/index.js';
import type { RegistryClient } from '../../sources/registry/index.js';
import {
  getCondition,
  markFailedStalled,
  markFalse,
  markReady,
  READY,
  Reason,
  deleteCondition,
  RECONCILING,
  STALLED,
} from '../flux/conditions.js';
import { FluxEvents } from '../flux/events.js';
import { withJitter, type KindReconciler, type ReconcileOutcome } from '../flux/kind-controller.js';
import { intervalMs } from '../flux/source-reconcile.js';
import { patchStatus } from '../flux/status.js';
import { repositoryAccess } from './access.js';
import { registryOptions } from './credentials.js';
import { tagPolicyOf } from './policy-spec.js';
import type { TagStore } from './tag-store.js';

export interface ImagePolicyDeps {
  home: Cluster;
  log: Logger;
  registry: RegistryClient;
  store: TagStore;
}

interface Attempt {
  obj: ImagePolicy;
  draft: ImagePolicy;
  events: FluxEvents;
}

/** A reason Flux uses, and whether the failure waits for a change (no retry timer). */
class PolicyFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
    readonly stalled = false,
  ) {
    super(message);
  }
}

export class ImagePolicyReconciler implements KindReconciler {
  constructor(private readonly deps: ImagePolicyDeps) {}

  async reconcile(namespace: string, name: string): Promise<ReconcileOutcome> {
    const { home, log } = this.deps;
    const obj = (await home.get({ apiVersion: IMAGE_API_VERSION, kind: 'ImagePolicy', namespace, name })) as
      ImagePolicy | undefined;
    if (!obj || obj.metadata.deletionTimestamp || obj.spec?.suspend) return {};
    const attempt: Attempt = { obj, draft: structuredClone(obj), events: new FluxEvents(home, obj, log) };
    attempt.draft.status ??= {};
    try {
      const errors = imagePolicyErrors(obj);
      if (errors.length) throw new PolicyFailure(Reason.InvalidSpec, errors.join('; '), true);
      const repo = await this.repository(obj);
      const latest = this.choose(obj, repo);
      // A restart emptied the tag store: the repository is scanning again and will queue us.
      if (latest === undefined) return {};
      await this.publish(attempt, repo, latest);
    } catch (err) {
      if (!(err instanceof PolicyFailure)) throw err;
      await this.failed(attempt, err);
      return {};
    }
    const always = obj.spec.digestReflectionPolicy === 'Always';
    return always ? { requeueAfterMs: withJitter(intervalMs(obj.spec.interval, 600_000)) } : {};
  }

  private async repository(obj: ImagePolicy): Promise<ImageRepository> {
    const ref = obj.spec.imageRepositoryRef;
    const namespace = ref.namespace || obj.metadata.namespace || 'default';
    const repo = (await this.deps.home.get({
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImageRepository',
      namespace,
      name: ref.name,
    })) as ImageRepository | undefined;
    if (!repo) {
      throw new PolicyFailure(
        Reason.DependencyNotReady,
        `failed to get the referred ImageRepository: ImageRepository '${namespace}/${ref.name}' does not exist`,
      );
    }
    const denied = await repositoryAccess(this.deps.home, obj, repo);
    if (denied)
      throw new PolicyFailure('AccessDenied', `failed to get the referred ImageRepository: ${denied}`);
    return repo;
  }

  /** The chosen tag; undefined while a restart left the store empty and the repository rescans. */
  private choose(obj: ImagePolicy, repo: ImageRepository): string | undefined {
    const tags = this.storedTags(repo);
    if (tags === undefined) return undefined;
    try {
      return selectTag(tags, tagPolicyOf(obj.spec));
    } catch (err) {
      if (!(err instanceof TagPolicyError)) throw err;
      const invalid = err.reason === 'InvalidPolicy';
      const message = `cannot determine the latest tag of '${repo.spec.image}': ${err.message}`;
      throw new PolicyFailure(invalid ? 'InvalidPolicy' : 'Failure', message, invalid);
    }
  }

  private storedTags(repo: ImageRepository): string[] | undefined {
    const stored = this.deps.store.get(repo.metadata.namespace ?? '', repo.metadata.name ?? '');
    if (stored) return stored.tags;
    if (repo.status?.lastScanResult) return undefined;
    const why = getCondition(repo, READY)?.message;
    throw new PolicyFailure(
      Reason.DependencyNotReady,
      `ImageRepository '${repo.metadata.namespace}/${repo.metadata.name}' has no scanned tags yet${why ? `: ${why}` : ''}`,
    );
  }

  private async publish(attempt: Attempt, repo: ImageRepository, tag: string): Promise<void> {
    const { obj, draft, events } = attempt;
    const previous = obj.status?.latestRef;
    const latestRef: ImageRef = { name: repo.spec.image, tag };
    const digest = await this.digest(obj, repo, latestRef);
    if (digest) latestRef.digest = digest;
    const changed = !sameRef(previous, latestRef);
    if (changed) setLatest(draft, previous, latestRef);
    const message =
      previous && previous.tag !== tag
        ? `Latest image tag for '${repo.spec.image}' updated from ${previous.tag} to ${tag}`
        : `Latest image tag for '${repo.spec.image}' resolved to ${tag}`;
    if (changed || getCondition(obj, READY)?.status !== 'True') events.normal(Reason.Succeeded, message);
    markReady(draft, Reason.Succeeded, message);
    draft.status!.observedGeneration = obj.metadata.generation;
    await patchStatus(this.deps.home, obj, draft);
  }

  /** The digest as digestReflectionPolicy says: Never (default), IfNotPresent (keep a known one), Always. */
  private async digest(obj: ImagePolicy, repo: ImageRepository, ref: ImageRef): Promise<string | undefined> {
    const policy = obj.spec.digestReflectionPolicy ?? 'Never';
    if (policy === 'Never') return undefined;
    const known = obj.status?.latestRef;
    if (policy === 'IfNotPresent' && known?.digest && known.name === ref.name && known.tag === ref.tag)
      return known.digest;
    try {
      const options = await registryOptions(this.deps.home, repo);
      return await this.deps.registry.manifestDigest(repo.spec.image, ref.tag, options);
    } catch (err) {
      throw new PolicyFailure(
        'Failure',
        `failed fetching digest of ${ref.name}:${ref.tag}: ${(err as Error).message}`,
      );
    }
  }

  private async failed(attempt: Attempt, failure: PolicyFailure): Promise<void> {
    const { obj, draft, events } = attempt;
    if (getCondition(obj, READY)?.message !== failure.message)
      events.warning(failure.reason, failure.message);
    if (failure.stalled) {
      markFailedStalled(draft, failure.reason, failure.message);
    } else {
      // Not retried on a timer: a new scan or a change to the repository queues the policy again.
      markFalse(draft, READY, failure.reason, failure.message);
      deleteCondition(draft, RECONCILING);
      deleteCondition(draft, STALLED);
    }
    draft.status!.observedGeneration = obj.metadata.generation;
    await patchStatus(this.deps.home, obj, draft);
  }
}

function sameRef(a: ImageRef | undefined, b: ImageRef): boolean {
  return a !== undefined && a.name === b.name && a.tag === b.tag && a.digest === b.digest;
}

/** latestRef and v1beta2's latestImage, with the ones they replace as the previous. */
function setLatest(draft: ImagePolicy, previous: ImageRef | undefined, latest: ImageRef): void {
  const status = draft.status!;
  delete status.observedPreviousRef;
  delete status.observedPreviousImage;
  if (previous) {
    status.observedPreviousRef = previous;
    status.observedPreviousImage = `${previous.name}:${previous.tag}`;
  }
  status.latestRef = latest;
  status.latestImage = `${latest.name}:${latest.tag}`;
}
