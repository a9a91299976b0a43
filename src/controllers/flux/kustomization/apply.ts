/**
 * Server-side apply of a build, in Flux's stages (order.ts), with a change set of closed
 * outcomes per object: created, configured, unchanged, skipped (ssa: IfNotPresent). A
 * namespaced object without namespace gets the Kustomization's. An immutable-field error
 * recreates the object when `spec.force` (or the object's `force: enabled` annotation) says
 * so. Every object of a stage is tried; the failures are reported together and the next
 * stages are not applied.
 */
import { FORCE_ANNOTATION, SSA_ANNOTATION } from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { refOf } from '../../../kube/cluster.js';
import { ApiError } from '../../../kube/errors.js';
import type { KubeObject } from '../../../kube/object.js';
import { KsReason, KustomizationStepError } from './errors.js';
import { displayName } from './inventory.js';
import { applyStages } from './order.js';

export type ChangeAction = 'created' | 'configured' | 'unchanged' | 'skipped';

export interface Change {
  object: KubeObject;
  action: ChangeAction;
}

export interface ApplyResult {
  changes: Change[];
  /** What was applied before a failure (for the inventory); set only when `error` is. */
  error?: KustomizationStepError;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function immutable(err: unknown): boolean {
  return err instanceof ApiError && err.status === 422 && /immutable/i.test(err.message);
}

async function withNamespace(cluster: Cluster, obj: KubeObject, namespace: string): Promise<KubeObject> {
  if (obj.metadata.namespace) return obj;
  const res = await cluster.resourceFor(obj.apiVersion, obj.kind);
  return res.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace } } : obj;
}

async function recreate(cluster: Cluster, obj: KubeObject): Promise<void> {
  await cluster.delete(refOf(obj), 'Background');
  for (let i = 0; i < 120 && (await cluster.get(refOf(obj))); i++) await pause(250);
  await cluster.apply(obj);
}

async function applyOne(cluster: Cluster, obj: KubeObject, force: boolean): Promise<ChangeAction> {
  const live = await cluster.get(refOf(obj));
  if (live && obj.metadata.annotations?.[SSA_ANNOTATION] === 'IfNotPresent') return 'skipped';
  try {
    const applied = await cluster.apply(obj);
    if (!live) return 'created';
    return applied.metadata.resourceVersion === live.metadata.resourceVersion ? 'unchanged' : 'configured';
  } catch (err) {
    const forced = force || obj.metadata.annotations?.[FORCE_ANNOTATION] === 'enabled';
    if (!live || !forced || !immutable(err)) throw err;
    await recreate(cluster, obj);
    return 'created';
  }
}

async function waitEstablished(cluster: Cluster, crds: KubeObject[]): Promise<void> {
  if (crds.length === 0) return;
  for (const crd of crds) {
    for (let i = 0; i < 120; i++) {
      const live = await cluster.get(refOf(crd));
      const conditions = (live?.status as { conditions?: Array<{ type: string; status: string }> })
        ?.conditions;
      if (conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      await pause(250);
    }
  }
  cluster.discovery.invalidate();
}

export interface ApplyRequest {
  cluster: Cluster;
  objects: KubeObject[];
  /** For namespaced objects without one: the Kustomization's namespace. */
  defaultNamespace: string;
  force: boolean;
}

export async function applyBuild(req: ApplyRequest): Promise<ApplyResult> {
  const changes: Change[] = [];
  for (const stage of applyStages(req.objects)) {
    const errors: string[] = [];
    for (const raw of stage) {
      try {
        const obj = await withNamespace(req.cluster, raw, req.defaultNamespace);
        changes.push({ object: obj, action: await applyOne(req.cluster, obj, req.force) });
      } catch (err) {
        errors.push(
          `${displayName({ kind: raw.kind, namespace: raw.metadata.namespace, name: raw.metadata.name })} apply failed: ${(err as Error).message}`,
        );
      }
    }
    if (errors.length > 0) {
      return { changes, error: new KustomizationStepError(KsReason.ReconciliationFailed, errors.join('\n')) };
    }
    await waitEstablished(
      req.cluster,
      stage.filter((o) => o.kind === 'CustomResourceDefinition'),
    );
  }
  return { changes };
}

/** Flux's change set lines: `Deployment/ns/name configured`, only for objects that changed. */
export function changeLines(changes: Change[]): string[] {
  return changes
    .filter((c) => c.action === 'created' || c.action === 'configured')
    .map(
      (c) =>
        `${displayName({ kind: c.object.kind, namespace: c.object.metadata.namespace, name: c.object.metadata.name })} ${c.action}`,
    );
}
