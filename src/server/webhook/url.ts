/**
 * Whether an Application's repoURL names the repository a push came from. Argo CD builds
 * one pattern per payload URL: any scheme (http, https, ssh) or none, any user, an
 * optional `ssh.`/`altssh.` host prefix, any port, `:` or `/` before the path, optional
 * `.git`, all case-insensitive. Reducing both sides to `host/path` accepts the same pairs
 * (and also tolerates a trailing `/`, a `git://` scheme and a port in the payload URL).
 */

/** `host/path`, lowercase: the part of a repository URL that names the repository. */
export function repoIdentity(url: string): string {
  let rest = url.trim().toLowerCase();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
  } else {
    // scp-like `git@host:org/repo`: the first `:` separates host from path.
    rest = rest.replace(/^([^/]*?):\/?/, '$1/');
  }
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  return `${hostOf(authority)}/${trimPath(path)}`;
}

/** True when `repoURL` and any of `eventURLs` name the same repository. */
export function usesRepository(repoURL: string, eventURLs: string[]): boolean {
  const wanted = repoIdentity(repoURL);
  return eventURLs.some((url) => repoIdentity(url) === wanted);
}

function hostOf(authority: string): string {
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
  return host.replace(/^(alt)?ssh\./, '');
}

function trimPath(path: string): string {
  let out = path.replace(/^\/+|\/+$/g, '');
  if (out.endsWith('.git')) out = out.slice(0, -'.git'.length);
  return out.replace(/\/+$/, '');
}
