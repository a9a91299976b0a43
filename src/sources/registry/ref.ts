/**
 * Image references as Docker reads them: `nginx` is `docker.io/library/nginx`, the first
 * path component is a registry host only when it has a dot or a port or is `localhost`,
 * `:tag` after the last slash, `@sha256:…` at the end.
 */
export interface ImageRef {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** e.g. ghcr.io/org/my-app, docker.io/library/nginx */
  canonicalName: string;
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

export function parseImageRef(image: string): ImageRef {
  const invalid = (why: string): Error => new Error(`invalid image reference "${image}": ${why}`);
  let rest = image.trim();
  if (!rest) throw invalid('it is empty');
  if (/^[a-z]+:\/\//i.test(rest)) throw invalid('an image reference has no scheme (drop the http(s)://)');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid(`"${digest}" is not a digest (algorithm:hex)`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(`"${tag}" is not a valid tag`);
  }
  const { registry, repository } = splitRegistry(rest);
  for (const component of repository.split('/')) {
    if (!COMPONENT.test(component)) {
      throw invalid(
        `"${component}" is not a valid repository path component (lowercase letters, digits, . _ -)`,
      );
    }
  }
  return { registry, repository, tag, digest, canonicalName: `${registry}/${repository}` };
}

function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!isHost) return { registry: DOCKER_HUB, repository: libraryPrefixed(name) };
  const registry = DOCKER_HUB_ALIASES.has(first) ? DOCKER_HUB : first;
  const repository = name.slice(slash + 1);
  return { registry, repository: registry === DOCKER_HUB ? libraryPrefixed(repository) : repository };
}

/** Official Docker Hub images live under `library/`. */
function libraryPrefixed(repository: string): string {
  return repository.includes('/') ? repository : `library/${repository}`;
}

/** The host that serves the Distribution API for a registry name (Docker Hub's differs). */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/** The same registry under any of its names (docker config keys use several for Docker Hub). */
export function sameRegistry(a: string, b: string): boolean {
  const norm = (h: string): string => (DOCKER_HUB_ALIASES.has(h) ? DOCKER_HUB : h);
  return norm(a) === norm(b);
}
