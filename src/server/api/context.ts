/** What every API handler receives: the shared dependencies, who is asking, the request. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Application } from '../../api/argo/index.js';
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import type { Cluster, ObjectRef } from '../../kube/cluster.js';
import { recordEvent } from '../../kube/events.js';
import type { KubeObject } from '../../kube/object.js';
import type { ClusterRegistry } from '../../controllers/clusters.js';
import type { Logger } from '../../util/log.js';
import { notFound } from './http.js';
import type { Principal } from './tokens.js';
import type { AppAccess } from './rbac/access.js';

export interface ApiDeps {
  home: Cluster;
  /** The control namespace: Applications, AppProjects, the token Secret. */
  namespace: string;
  log: Logger;
  clusters: ClusterRegistry;
  /** Reconcile an app now (the controller's queue). */
  refresh: (name: string) => void;
}

export interface ApiContext {
  deps: ApiDeps;
  principal: Principal;
  /** What the principal may do to Applications (list filters with it). */
  access: AppAccess;
  /** The names the route's path holds, in order (e.g. kind, namespace, name). */
  params: string[];
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

export const appRef = (deps: ApiDeps, name: string): ObjectRef => ({
  apiVersion: ARGO_API_VERSION,
  kind: 'Application',
  namespace: deps.namespace,
  name,
});

export async function loadApp(deps: ApiDeps, name: string): Promise<Application> {
  const app = (await deps.home.get(appRef(deps, name))) as Application | undefined;
  if (!app) throw notFound(`application "${name}" not found in namespace ${deps.namespace}`);
  return app;
}

/** The audit trail: a Kubernetes Event on the object, saying who did what through the API. */
export async function audit(
  ctx: ApiContext,
  involved: KubeObject,
  what: { reason: string; action: string },
): Promise<void> {
  const { principal, deps } = ctx;
  const message = `${what.action} by ${principal.name} (token ${principal.id}, role ${principal.role}) via the API`;
  deps.log.info('api action', {
    who: principal.name,
    reason: what.reason,
    object: involved.metadata.name,
    message,
  });
  await recordEvent(deps.home, involved, { type: 'Normal', reason: what.reason, message }).catch(
    (err: unknown) => deps.log.warn('could not record audit event', { error: (err as Error).message }),
  );
}
