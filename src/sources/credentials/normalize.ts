/**
 * Argo CD's repository URL normalization (util/git NormalizeGitURL), for matching
 * Secrets to an Application's repoURL the way Argo CD does:
 *
 * - trim spaces and lowercase the WHOLE URL (path included);
 * - scp-style SSH (`git@host:org/repo`) becomes `git@host/org/repo`; the `ssh://` prefix is dropped;
 * - one trailing `.git` is removed. A trailing `/` is NOT removed: Argo CD keeps it, and it
 *   is what lets a template `https://github.com/org/` exclude `https://github.com/org-labs/x`;
 * - a URL Go's net/url would reject normalizes to '' (it then matches nothing).
 */

const SSH_URL = /^(ssh:\/\/)?([^/:]*?)@[^@]+$/;

export function normalizeRepoURL(repoURL: string): string {
  let repo = repoURL.trim().toLowerCase();
  if (SSH_URL.test(repo) && !repo.startsWith('ssh://')) repo = `ssh://${repo.replace(':', '/')}`;
  if (repo.endsWith('.git')) repo = repo.slice(0, -4);
  if (!parsesAsGoURL(repo)) return '';
  return repo.startsWith('ssh://') ? repo.slice('ssh://'.length) : repo;
}

/** Argo CD's SameURL: equal after normalization; an invalid URL only equals itself. */
export function sameRepoURL(left: string, right: string): boolean {
  const l = normalizeRepoURL(left) || left;
  const r = normalizeRepoURL(right) || right;
  return l !== '' && l === r;
}

// Characters Go accepts in a host (besides letters, digits and %-escapes).
const HOST = /^(?:[a-z0-9\-._~!$&'()*+,;=:[\]<>"]|%[0-9a-f]{2})*$/;
const USERINFO = /^(?:[a-z0-9\-._:~!$&'()*+,;=@]|%[0-9a-f]{2})*$/;
const BAD_ESCAPE = /%(?![0-9a-f]{2})/;

/** An approximation of Go's url.Parse acceptance, covering what repository URLs contain. */
function parsesAsGoURL(raw: string): boolean {
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return false;
  const hash = raw.indexOf('#');
  if (hash >= 0 && BAD_ESCAPE.test(raw.slice(hash + 1))) return false;
  const beforeFragment = hash < 0 ? raw : raw.slice(0, hash);
  const question = beforeFragment.indexOf('?');
  return validBeforeQuery(question < 0 ? beforeFragment : beforeFragment.slice(0, question));
}

function validBeforeQuery(rest: string): boolean {
  if (rest.startsWith(':')) return false;
  const scheme = /^[a-z][a-z0-9+.-]*:/.exec(rest)?.[0];
  // Without a scheme, a colon before the first slash is an error in Go.
  if (!scheme) return !/^[^/]*:/.test(rest) && !BAD_ESCAPE.test(rest);
  const afterScheme = rest.slice(scheme.length);
  if (!afterScheme.startsWith('//')) return !BAD_ESCAPE.test(afterScheme);
  const slash = afterScheme.indexOf('/', 2);
  const authority = slash < 0 ? afterScheme.slice(2) : afterScheme.slice(2, slash);
  const path = slash < 0 ? '' : afterScheme.slice(slash);
  return validAuthority(authority) && !BAD_ESCAPE.test(path);
}

function validAuthority(authority: string): boolean {
  const at = authority.lastIndexOf('@');
  if (at >= 0 && !USERINFO.test(authority.slice(0, at))) return false;
  const host = authority.slice(at + 1);
  if (!HOST.test(host)) return false;
  let port: string;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return false;
    port = host.slice(close + 1);
  } else {
    const colon = host.lastIndexOf(':');
    port = colon < 0 ? '' : host.slice(colon);
  }
  return port === '' || /^:\d*$/.test(port);
}
