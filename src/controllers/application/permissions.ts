/**
 * What the app's AppProject allows: its sources and destination before rendering, and
 * each rendered resource's kind and namespace after. Every check returns why something
 * is denied, or undefined when it is allowed.
 */
import type { AppProject, Application } from '../../api/argo/index.js';
import { checkDestinationAllowed, checkResourceAllowed, checkSourceAllowed } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { groupOf, type KubeObject } from '../../kube/object.js';
import { prepareDesired } from '../../engine/compare.js';
import { specSources } from './sources.js';
import { outOfClusterScope } from '../clusters.js';

/** Where an app's rendered resources would be deployed, and under which project. */
export interface DeployTarget {
  app: Application;
  project: AppProject;
  cluster: Cluster;
  /** The app instance name the resources are tracked by. */
  instance: string;
}

export function sourceOrDestinationDenied(app: Application, project: AppProject): string | undefined {
  for (const s of specSources(app)) {
    const denied = checkSourceAllowed(project, s.repoURL);
    if (denied) return denied;
  }
  return checkDestinationAllowed(project, app.spec.destination);
}

/** Every distinct reason a rendered resource is not permitted, joined; undefined when all are. */
export async function resourcesDenied(
  target: DeployTarget,
  objects: KubeObject[],
): Promise<string | undefined> {
  const prepared = await prepareDesired(
    target.cluster,
    target.instance,
    target.app.spec.destination.namespace ?? 'default',
    objects,
  );
  const problems = prepared
    .map((resource) => resourceDenied(target, resource))
    .filter((denied): denied is string => Boolean(denied));
  return problems.length ? [...new Set(problems)].join('; ') : undefined;
}

function resourceDenied(
  { app, project, cluster }: DeployTarget,
  { object, namespaced }: { object: KubeObject; namespaced: boolean },
): string | undefined {
  return (
    checkResourceAllowed(project, { group: groupOf(object.apiVersion), kind: object.kind, namespaced }) ??
    (namespaced
      ? checkDestinationAllowed(project, { ...app.spec.destination, namespace: object.metadata.namespace })
      : undefined) ??
    outOfClusterScope(cluster, object, namespaced)
  );
}
