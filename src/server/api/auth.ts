/**
 * Who is asking: a bearer token in `Authorization`, or (for the event stream only, since
 * a browser's EventSource cannot set headers) the `token` query parameter. No token, or
 * an unknown one, is a 401. Then whether they may: a readonly token asking to act, or a
 * project-role token whose policies do not grant the action, is a 403.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';
import type { Principal, TokenCache } from './tokens.js';
import type { ApiDeps } from './context.js';
import { loadApp } from './context.js';
import type { AppAccess } from './rbac/access.js';
import type { Route } from './routes.js';

export function presentedToken(req: IncomingMessage, url: URL, allowQuery: boolean): string | undefined {
  const header = req.headers.authorization;
  const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (bearer) return bearer;
  return allowQuery ? (url.searchParams.get('token') ?? undefined) : undefined;
}

export async function authenticate(
  tokens: TokenCache,
  req: IncomingMessage,
  url: URL,
  allowQuery = false,
): Promise<Principal> {
  const token = presentedToken(req, url, allowQuery);
  if (!token)
    throw new HttpError(
      401,
      'authentication required: send "Authorization: Bearer <token>" (see ferry token create)',
    );
  const principal = await tokens.verify(token);
  if (!principal) throw new HttpError(401, 'the token is not valid (unknown or revoked)');
  return principal;
}

/** Throws a 403 unless the principal may use `route` (on the app `param`, for app routes). */
export async function authorize(
  deps: ApiDeps,
  request: { principal: Principal; access: AppAccess; what: string },
  route: Route,
  param: string,
): Promise<void> {
  const { principal, access, what } = request;
  if (route.acts && principal.role === 'readonly')
    throw new HttpError(403, `${principal.name} has the readonly role and cannot ${what}`);
  const projectRole = principal.role !== 'admin' && principal.role !== 'readonly';
  if (route.access === 'global' && projectRole)
    throw new HttpError(
      403,
      `${principal.name} is bound to ${principal.role} and may only use that project's Applications, not ${what}`,
    );
  // Only a project role depends on the app's project; others keep the handler's order of checks.
  if (typeof route.access !== 'object' || !projectRole) return;
  const app = await loadApp(deps, param);
  access.check(route.access.app, { project: app.spec.project || 'default', name: param });
}
