/** Parsers for the HTTP headers the Distribution API relies on. Pure, unit tested. */

export interface AuthChallenge {
  /** Lower case: `bearer` or `basic`. */
  scheme: string;
  params: Record<string, string>;
}

/**
 * `WWW-Authenticate: Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"`.
 * Quoted values may hold commas (`scope="repository:a:pull,push"`); unquoted ones end at a comma.
 */
export function parseChallenge(header: string | null | undefined): AuthChallenge | undefined {
  const match = /^\s*([A-Za-z][\w-]*)(?:\s+(.*))?$/s.exec(header ?? '');
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const m of (match[2] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  }
  return { scheme: match[1]!.toLowerCase(), params };
}

/** The `rel="next"` target of a `Link` header (`</v2/app/tags/list?last=b&n=2>; rel="next"`), if any. */
export function nextLink(header: string | null | undefined): string | undefined {
  for (const m of (header ?? '').matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rels = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(m[2] ?? '')?.[1] ?? '';
    if (rels.split(/\s+/).includes('next')) return m[1];
  }
  return undefined;
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
