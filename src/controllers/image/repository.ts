/**
 * ImageRepository: scan the registry for tags on the interval (and at once on a new spec,
 * a reconcile request, or when the tag store has nothing for it), drop excluded tags,
 * publish lastScanResult and keep the tags for policies. A failed scan keeps the last
 * good result (status and store), says why on Ready with a Warning Event, and retries
 * with backoff.
 */
import { IMAGE_API_VERSION, imageRepositoryErrors, type ImageRepository } from '../../api/image/index.js';
import { RECONCILE_REQUESTED_ANNOTATION } from '../../api/flux/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Logger } from '../../util/log.js';
import { parseImageRef, RegistryError, type RegistryClient } from '../../sources/registry/index.js';
import {
  getCondition,
  markFailedStalled,
  markReady,
  markReconciling,
  markRetrying,
  Reason,
} from '../flux/conditions.js';
import { FluxEvents } from '../flux/events.js';
import { withJitter, type KindReconciler, type ReconcileOutcome } from '../flux/kind-controller.js';
import { intervalMs } from '../flux/source-reconcile.js';
import { patchStatus } from '../flux/status.js';
import { parseGoDuration } from '../../api/argo/duration.js';
import { CredentialsError, registryOptions } from './credentials.js';
import { excludeTags, exclusionList, scanResult } from './scan.js';
import type { TagStore } from './tag-store.js';

/** Flux's reasons for a failed ImageRepository. */
export const ImageRepositoryReason = {
  ImageURLInvalid: 'ImageURLInvalid',
  AuthenticationFailed: 'AuthenticationFailed',
  ReadOperationFailed: 'ReadOperationFailed',
} as const;

export interface ImageRepositoryDeps {
  home: Cluster;
  log: Logger;
  registry: RegistryClient;
  store: TagStore;
  now?: () => Date;
}

interface Attempt {
  obj: ImageRepository;
  draft: ImageRepository;
  events: FluxEvents;
}

export class ImageRepositoryReconciler implements KindReconciler {
  constructor(private readonly deps: ImageRepositoryDeps) {}

  async reconcile(namespace: string, name: string): Promise<ReconcileOutcome> {
    const { home, log, store } = this.deps;
    const obj = (await home.get({
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImageRepository',
      namespace,
      name,
    })) as ImageRepository | undefined;
    if (!obj || obj.metadata.deletionTimestamp) {
      store.delete(namespace, name);
      return {};
    }
    const draft = structuredClone(obj);
    const status = (draft.status ??= {});
    const events = new FluxEvents(home, obj, log);
    const requested = obj.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
    if (requested) status.lastHandledReconcileAt = requested;
    const errors = imageRepositoryErrors(obj);
    if (errors.length > 0) {
      const message = errors.join('; ');
      const reason = errors.every((e) => e.startsWith('spec.image'))
        ? ImageRepositoryReason.ImageURLInvalid
        : Reason.InvalidSpec;
      if (getCondition(obj, 'Ready')?.message !== message) events.warning(reason, message);
      markFailedStalled(draft, reason, message);
      status.observedGeneration = obj.metadata.generation;
      await patchStatus(home, obj, draft);
      return {};
    }
    if (obj.spec.suspend) return {};
    const why = this.scanReason(obj);
    if (!why) return { requeueAfterMs: this.untilNextScan(obj) };
    return this.scan({ obj, draft, events }, why);
  }

  /** Why to scan now (as Flux's shouldScan), or undefined when the last scan is recent enough. */
  private scanReason(obj: ImageRepository): string | undefined {
    const status = obj.status ?? {};
    if (!status.lastScanResult) return 'first scan';
    const requested = obj.metadata.annotations?.[RECONCILE_REQUESTED_ANNOTATION];
    if (requested && requested !== status.lastHandledReconcileAt) return 'reconcile requested';
    if (obj.metadata.generation !== status.observedGeneration) return 'new generation';
    if (!this.deps.store.get(obj.metadata.namespace ?? '', obj.metadata.name ?? ''))
      return 'no tags in database';
    return this.untilNextScan(obj) < 1000 ? 'triggered by interval' : undefined;
  }

  private untilNextScan(obj: ImageRepository): number {
    const last = Date.parse(obj.status?.lastScanResult?.scanTime ?? '');
    const elapsed = Number.isNaN(last) ? Infinity : this.now().getTime() - last;
    return Math.max(0, intervalMs(obj.spec.interval) - elapsed);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async scan(attempt: Attempt, why: string): Promise<ReconcileOutcome> {
    const { home } = this.deps;
    const { obj, draft } = attempt;
    markReconciling(draft, Reason.Progressing, `scanning: ${why}`);
    await patchStatus(home, obj, structuredClone(draft));
    const timeoutMs = parseGoDuration(obj.spec.timeout ?? '') || intervalMs(obj.spec.interval);
    let tags: string[];
    try {
      const options = await registryOptions(home, obj);
      const all = await this.deps.registry.listTags(obj.spec.image, {
        ...options,
        signal: AbortSignal.timeout(timeoutMs),
      });
      tags = excludeTags(all, exclusionList(obj.spec));
    } catch (err) {
      return this.scanFailed(attempt, err);
    }
    await this.scanned(attempt, tags);
    return { requeueAfterMs: withJitter(intervalMs(obj.spec.interval)) };
  }

  /** Stores the tags and publishes lastScanResult; an Event when the tags changed or Ready returns. */
  private async scanned(attempt: Attempt, tags: string[]): Promise<void> {
    const { obj, draft, events } = attempt;
    const { namespace = '', name = '' } = obj.metadata;
    const scanTime = this.now();
    const canonicalName = parseImageRef(obj.spec.image).canonicalName;
    this.deps.store.set(namespace, name, { tags, scanTime, canonicalName });
    const result = scanResult(tags, scanTime);
    Object.assign(draft.status!, {
      lastScanResult: result,
      canonicalImageName: canonicalName,
      observedExclusionList: exclusionList(obj.spec),
      observedGeneration: obj.metadata.generation,
    });
    const message = `successful scan: found ${tags.length} tags`;
    const changed = obj.status?.lastScanResult?.revision !== result.revision;
    if (changed || getCondition(obj, 'Ready')?.status !== 'True') events.normal(Reason.Succeeded, message);
    else this.deps.log.debug('image scan: tags did not change', { imageRepository: `${namespace}/${name}` });
    markReady(draft, Reason.Succeeded, message);
    await patchStatus(this.deps.home, obj, draft);
  }

  private async scanFailed(attempt: Attempt, err: unknown): Promise<ReconcileOutcome> {
    const { obj, draft, events } = attempt;
    const unauthorized =
      (err instanceof RegistryError && err.reason === 'Unauthorized') || err instanceof CredentialsError;
    const reason = unauthorized
      ? ImageRepositoryReason.AuthenticationFailed
      : ImageRepositoryReason.ReadOperationFailed;
    const kept = obj.status?.lastScanResult
      ? ` (keeping the last good scan of ${obj.status.lastScanResult.scanTime}: ${obj.status.lastScanResult.tagCount} tags)`
      : '';
    const message = `scan failed: ${(err as Error).message}${kept}`;
    if (getCondition(obj, 'Ready')?.message !== message) events.warning(reason, message);
    // lastScanResult and the stored tags stay as they were: policies keep the last good list.
    markRetrying(draft, reason, message);
    await patchStatus(this.deps.home, obj, draft);
    throw err;
  }
}
