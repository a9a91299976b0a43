/**
 * What a token may do to Applications. `admin` may do everything, `readonly` only `get`;
 * a token bound to an AppProject role (`proj:<project>:<role>`) may do what that role's
 * policies in the AppProject grant, with Argo CD's matching (policy.ts) on the object
 * `<project>/<app>`. The role's policies are read from the AppProject when asked, so edits
 * to the project apply to the next request.
 */
import type { AppProject } from '../../../api/argo/index.js';
import { ARGO_API_VERSION } from '../../../api/argo/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { HttpError } from '../http.js';
import type { Principal } from '../tokens.js';
import { enforce, parseProjectRole, type Decision } from './policy.js';

/** The Argo CD action an API request needs on an Application. */
export type AppAction = 'get' | 'sync' | 'delete' | 'override' | 'update' | `action/${string}`;

export interface AppAccess {
  /** Whether the token may do `action` to the app `name` of `project`. */
  can(action: AppAction, app: { project: string; name: string }): boolean;
  /** Throws a 403 that says who, what and why, unless `can`. */
  check(action: AppAction, app: { project: string; name: string }): void;
}

/** The policies of the token's project role (none when the project or role is gone), and why. */
async function rolePolicies(
  home: Cluster,
  namespace: string,
  subject: string,
): Promise<{ policies: string[]; missing?: string }> {
  const parsed = parseProjectRole(subject);
  if (!parsed) return { policies: [], missing: `"${subject}" is not a project role` };
  const project = (await home.get({
    apiVersion: ARGO_API_VERSION,
    kind: 'AppProject',
    namespace,
    name: parsed.project,
  })) as AppProject | undefined;
  if (!project) return { policies: [], missing: `AppProject "${parsed.project}" does not exist` };
  const role = (project.spec.roles ?? []).find((r) => r.name === parsed.role);
  if (!role) return { policies: [], missing: `AppProject "${parsed.project}" has no role "${parsed.role}"` };
  return { policies: role.policies ?? [] };
}

export async function appAccess(home: Cluster, namespace: string, principal: Principal): Promise<AppAccess> {
  const who = `${principal.name} (role ${principal.role})`;
  if (principal.role === 'admin') return { can: () => true, check: () => undefined };
  if (principal.role === 'readonly') {
    return {
      can: (action) => action === 'get',
      check: (action, app) => {
        if (action !== 'get')
          throw new HttpError(403, `${who} has the readonly role and cannot ${action} ${app.name}`);
      },
    };
  }
  const { policies, missing } = await rolePolicies(home, namespace, principal.role);
  const decide = (action: AppAction, app: { project: string; name: string }): Decision =>
    enforce(policies, {
      subject: principal.role,
      resource: 'applications',
      action,
      object: `${app.project}/${app.name}`,
    });
  return {
    can: (action, app) => decide(action, app).allowed,
    check: (action, app) => {
      const decision = decide(action, app);
      if (decision.allowed) return;
      const object = `applications, ${action}, ${app.project}/${app.name}`;
      const why = missing
        ? `: ${missing}`
        : decision.deniedBy
          ? ` (denied by "${decision.deniedBy}")`
          : ` (no policy of the role allows it)`;
      throw new HttpError(403, `permission denied: ${object} for ${who}${why}`);
    },
  };
}
