/** Query-string parameters with checked types. */
import { badRequest } from './http.js';

/** `?name=true|false|1|0` (or the bare `?name`); absent → false; anything else → 400. */
export function boolFromQuery(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  if (v === null) return false;
  if (['', 'true', '1'].includes(v)) return true;
  if (['false', '0'].includes(v)) return false;
  throw badRequest(`query parameter "${name}" must be true or false`);
}
