/**
 * The live facts the generated Applications are checked against: which AppProjects
 * exist and which destination clusters are registered (Argo CD's
 * validateGeneratedApplications wording).
 */
import type { Application } from '../../api/argo/index.js';
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import type { AppCheckInputs } from '../../appset/validate-apps.js';
import type { Cluster } from '../../kube/cluster.js';
import type { ClusterSecret } from '../cluster-secrets.js';
import { inClusterName, inClusterServer } from '../clusters.js';

export function destinationProblem(
  destination: Application['spec']['destination'],
  clusters: readonly ClusterSecret[],
): string | undefined {
  const { server, name } = destination;
  if (server && name)
    return `application destination can't have both name and server defined: ${name} ${server}`;
  if (!server && !name) return 'application destination has neither server nor name';
  if (server) {
    const wanted = server.replace(/\/$/, '');
    return wanted === inClusterServer || clusters.some((c) => c.server === wanted)
      ? undefined
      : `there are no clusters with this URL: ${server}`;
  }
  return name === inClusterName || clusters.some((c) => c.name === name)
    ? undefined
    : `there are no clusters with this name: ${name}`;
}

export async function appCheckInputs(
  home: Cluster,
  namespace: string,
  appSetName: string,
  clusters: readonly ClusterSecret[],
): Promise<AppCheckInputs> {
  const projects = new Set(
    (await home.list(ARGO_API_VERSION, 'AppProject', { namespace })).map((p) => p.metadata.name ?? ''),
  );
  return {
    appSetName,
    projectExists: (name) => name === 'default' || projects.has(name),
    destinationProblem: (destination) => destinationProblem(destination, clusters),
  };
}
