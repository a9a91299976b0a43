/**
 * Flux objects (and the other generic kinds of kinds.ts) one at a time: get one, with a
 * HelmRelease's Helm history, failure counters and conditions; and the flux CLI's
 * actions on them: suspend (`spec.suspend: true`), resume (false, plus a reconcile
 * request) and reconcile (`reconcile.fluxcd.io/requestedAt`), each audited.
 */
import { RECONCILE_REQUESTED_ANNOTATION } from '../../api/flux/index.js';
import type { ObjectRef } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { audit, type ApiContext } from './context.js';
import { HttpError, notFound } from './http.js';
import { genericKinds, genericSummary } from './kinds.js';

/** Kinds with `spec.suspend` (Flux's suspend/resume); ImagePolicy and SealedSecret have none. */
const suspendable = new Set([
  'helmreleases',
  'kustomizations',
  'gitrepositories',
  'helmrepositories',
  'helmcharts',
  'ocirepositories',
]);

function refOf(ctx: ApiContext): ObjectRef {
  const [plural = '', namespace = '', name = ''] = ctx.params;
  const target = genericKinds[plural];
  if (!target) throw notFound(`unknown kind "${plural}" (known: ${Object.keys(genericKinds).join(', ')})`);
  return { ...target, namespace, name };
}

async function load(ctx: ApiContext): Promise<{ ref: ObjectRef; obj: KubeObject }> {
  const ref = refOf(ctx);
  const served = (await ctx.deps.home.discovery.apiVersions()).includes(ref.apiVersion);
  const obj = served ? await ctx.deps.home.get(ref) : undefined;
  if (!obj) throw notFound(`${ref.kind} ${ref.namespace}/${ref.name} not found`);
  return { ref, obj };
}

interface HelmFacts {
  history: unknown[];
  failures: number;
  installFailures: number;
  upgradeFailures: number;
  lastAttemptedRevision?: string;
  lastAttemptedConfigDigest?: string;
}

/** What the HelmRelease page shows besides the conditions: Helm history and remediation counters. */
function helmFacts(obj: KubeObject): HelmFacts {
  const s = (obj.status ?? {}) as Record<string, unknown>;
  const num = (k: string): number => (typeof s[k] === 'number' ? s[k] : 0);
  return {
    history: Array.isArray(s.history) ? s.history : [],
    failures: num('failures'),
    installFailures: num('installFailures'),
    upgradeFailures: num('upgradeFailures'),
    ...(typeof s.lastAttemptedRevision === 'string'
      ? { lastAttemptedRevision: s.lastAttemptedRevision }
      : {}),
    ...(typeof s.lastAttemptedConfigDigest === 'string'
      ? { lastAttemptedConfigDigest: s.lastAttemptedConfigDigest }
      : {}),
  };
}

/** GET /api/v1/kinds/PLURAL/NAMESPACE/NAME. Inline Helm values are left out: they may hold credentials. */
export async function getObject(ctx: ApiContext): Promise<unknown> {
  const { obj } = await load(ctx);
  const { managedFields: _mf, ...metadata } = obj.metadata;
  const { values: _values, ...spec } = (obj.spec ?? {}) as Record<string, unknown>;
  const conditions = (obj.status as { conditions?: unknown[] } | undefined)?.conditions ?? [];
  return {
    summary: genericSummary(obj),
    object: { ...obj, metadata, spec },
    conditions,
    ...(obj.kind === 'HelmRelease' ? { helm: helmFacts(obj) } : {}),
  };
}

type FluxAction = 'suspend' | 'resume' | 'reconcile';

function patchFor(action: FluxAction, obj: KubeObject, requestedAt: string): object {
  const requested = { metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: requestedAt } } };
  const suspended = Boolean((obj.spec as { suspend?: boolean } | undefined)?.suspend);
  if (action === 'suspend') return { spec: { suspend: true } };
  if (action === 'resume') return { spec: { suspend: false }, ...requested };
  if (suspended)
    throw new HttpError(
      409,
      `${obj.kind} ${obj.metadata.namespace}/${obj.metadata.name} is suspended: resume it to reconcile`,
    );
  return requested;
}

/** POST …/suspend|resume|reconcile. */
export function fluxAction(action: FluxAction): (ctx: ApiContext) => Promise<unknown> {
  return async (ctx) => {
    const plural = ctx.params[0] ?? '';
    if (action !== 'reconcile' && !suspendable.has(plural))
      throw new HttpError(
        400,
        `${plural} cannot be suspended or resumed (only ${[...suspendable].join(', ')})`,
      );
    const { ref, obj } = await load(ctx);
    const requestedAt = new Date().toISOString();
    await ctx.deps.home.mergePatch(ref, patchFor(action, obj, requestedAt));
    const reason = {
      suspend: 'SuspendRequested',
      resume: 'ResumeRequested',
      reconcile: 'ReconcileRequested',
    };
    await audit(ctx, obj, { reason: reason[action], action });
    // The request token lets a client wait for status.lastHandledReconcileAt to reach it.
    return action === 'suspend' ? { requested: action } : { requested: action, requestedAt };
  };
}
