/**
 * Other app-like kinds (Flux, sealed secrets, ApplicationSets), listed generically through
 * the Kubernetes API: name, namespace, Ready condition, suspended. A kind whose CRD is not
 * installed lists as empty (`installed: false`), never as an error.
 */
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { UnknownKindError } from '../../kube/discovery.js';
import type { ApiContext } from './context.js';
import { badRequest, notFound } from './http.js';

export const genericKinds: Record<string, { apiVersion: string; kind: string }> = {
  applicationsets: { apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet' },
  helmreleases: { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease' },
  kustomizations: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' },
  gitrepositories: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository' },
  helmrepositories: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository' },
  helmcharts: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmChart' },
  ocirepositories: { apiVersion: 'source.toolkit.fluxcd.io/v1beta2', kind: 'OCIRepository' },
  imagerepositories: { apiVersion: 'image.toolkit.fluxcd.io/v1', kind: 'ImageRepository' },
  imagepolicies: { apiVersion: 'image.toolkit.fluxcd.io/v1beta2', kind: 'ImagePolicy' },
  imageupdateautomations: { apiVersion: 'image.toolkit.fluxcd.io/v1', kind: 'ImageUpdateAutomation' },
  alerts: { apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Alert' },
  providers: { apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider' },
  sealedsecrets: { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret' },
};

export interface GenericSummary {
  kind: string;
  namespace?: string;
  name: string;
  ready: string;
  reason?: string;
  message?: string;
  suspended: boolean;
}

type Condition = { type?: string; status?: string; reason?: string; message?: string };

export function genericSummary(obj: KubeObject): GenericSummary {
  const status = (obj.status ?? {}) as { conditions?: Condition[] };
  const ready = (status.conditions ?? []).find((c) => c.type === 'Ready' || c.type === 'Synced');
  return {
    kind: obj.kind,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name ?? '',
    ready: ready?.status ?? 'Unknown',
    ...(ready?.reason ? { reason: ready.reason } : {}),
    ...(ready?.message ? { message: ready.message } : {}),
    suspended: Boolean((obj.spec as { suspend?: boolean } | undefined)?.suspend),
  };
}

/** The objects of a kind, or undefined when the cluster does not serve it. */
export async function listIfInstalled(
  home: Cluster,
  target: { apiVersion: string; kind: string },
  namespace?: string,
): Promise<KubeObject[] | undefined> {
  // Checking the served versions first avoids a discovery refresh per request for missing CRDs.
  if (!(await home.discovery.apiVersions()).includes(target.apiVersion)) return undefined;
  try {
    return await home.list(target.apiVersion, target.kind, { namespace });
  } catch (err) {
    if (err instanceof UnknownKindError) return undefined;
    throw err;
  }
}

export async function listKind(ctx: ApiContext, plural: string): Promise<unknown> {
  const target = genericKinds[plural];
  if (!target) throw notFound(`unknown kind "${plural}" (known: ${Object.keys(genericKinds).join(', ')})`);
  for (const key of ctx.url.searchParams.keys())
    if (key !== 'namespace') throw badRequest(`unknown query parameter "${key}" (filters: namespace)`);
  const objects = await listIfInstalled(
    ctx.deps.home,
    target,
    ctx.url.searchParams.get('namespace') ?? undefined,
  );
  return {
    kind: target.kind,
    installed: objects !== undefined,
    items: (objects ?? []).map(genericSummary).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
