/** Repository URLs: credentials split off, a stable cache key, and scrubbing for messages. */
import { createHash } from 'node:crypto';

export interface SplitURL {
  /** The URL without user:password@ (an ssh user such as `git@` is kept). */
  url: string;
  username?: string;
  password?: string;
}

/** Splits `https://user:token@host/repo` into the bare URL and its credentials. */
export function splitCredentials(repoURL: string): SplitURL {
  const trimmed = repoURL.trim();
  const match = /^(https?:\/\/)([^/@]*)@(.*)$/i.exec(trimmed);
  if (!match) return { url: trimmed };
  const [, scheme = '', userinfo = '', rest = ''] = match;
  const colon = userinfo.indexOf(':');
  const username = decode(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? undefined : decode(userinfo.slice(colon + 1));
  return { url: `${scheme}${rest}`, username: username || undefined, password: password || undefined };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The form two spellings of one repository share, for the cache: lowercase scheme and
 * host, no credentials, no trailing `/` or `.git`. The path keeps its case (servers may
 * be case-sensitive).
 */
export function normalizeForCache(repoURL: string): string {
  const { url } = splitCredentials(repoURL);
  let out = url;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(.*)$/i.exec(url);
  const scp = /^([^/:@]+@)?([^/:]+):(?!\/\/)(.*)$/.exec(url);
  if (scheme) out = `${scheme[1]!.toLowerCase()}://${lowerHost(scheme[2]!)}${scheme[3]}`;
  else if (scp) out = `${scp[1] ?? ''}${scp[2]!.toLowerCase()}:${scp[3]}`;
  out = out.replace(/\/+$/, '');
  if (out.endsWith('.git')) out = out.slice(0, -4);
  return out.replace(/\/+$/, '');
}

function lowerHost(authority: string): string {
  const at = authority.lastIndexOf('@');
  return authority.slice(0, at + 1) + authority.slice(at + 1).toLowerCase();
}

/** The cache folder name of a repository: sha256 of its normalized URL. */
export function repoKey(repoURL: string): string {
  return createHash('sha256').update(normalizeForCache(repoURL)).digest('hex');
}

/**
 * Removes credentials from text meant for people: any userinfo of http(s) URLs (a token
 * alone is a credential), `user:password@` of other URLs, and each given secret verbatim.
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(
    /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@'"]+)@/gi,
    (all, scheme: string, userinfo: string) =>
      /^https?:\/\/$/i.test(scheme) || userinfo.includes(':') ? scheme : all,
  );
  for (const secret of secrets) {
    if (secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}
