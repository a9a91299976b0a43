/**
 * Who is asking: a bearer token in `Authorization`, or (for the event stream only, since
 * a browser's EventSource cannot set headers) the `token` query parameter. No token, or
 * an unknown one, is a 401; a readonly token asking to act is a 403.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';
import type { Principal, TokenCache } from './tokens.js';

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

export function requireAdmin(principal: Principal, action: string): void {
  if (principal.role !== 'admin')
    throw new HttpError(403, `${principal.name} has the readonly role and cannot ${action}`);
}
