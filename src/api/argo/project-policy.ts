/**
 * AppProject enforcement, decided from the project alone: may an application use this source
 * repository, this destination, this kind of resource? Each check returns undefined when the
 * project allows it, otherwise a message saying why not. The rules are Argo CD's
 * (docs/user-guide/projects.md):
 *
 * - sourceRepos: URLs compared after normalizeRepoURL, as globs with `/` as separator (`*` spans
 *   one path segment, `**` any number), `*` alone allowing everything. A repository is allowed
 *   when some allow entry matches it and no `!` entry does.
 * - destinations: server, name and namespace globs (no separator). An allow entry permits a
 *   destination when its server or name matches and its namespace matches. A field starting with
 *   `!` rejects every destination whose own field matches the rest of the pattern, whatever the
 *   entry's other fields say; entries with a `!` field only deny. (Argo CD's code also lets such
 *   an entry allow what it does not deny; its documentation, followed here, does not.)
 * - resources: a cluster-scoped kind must be in clusterResourceWhitelist (absent or empty allows
 *   none) and not in clusterResourceBlacklist. A namespaced kind must be in
 *   namespaceResourceWhitelist when that list is present (an empty list allows none) and not in
 *   namespaceResourceBlacklist. Group and kind are globs.
 */
import type { AppProject, ClusterResourceRestriction, ProjectDestination } from './appproject-types.js';
import { globMatch } from './glob.js';
import { normalizeRepoURL } from './repo-url.js';

export interface DestinationRef {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface ResourceRef {
  group: string;
  kind: string;
  namespaced: boolean;
  /** Only needed when cluster resource lists narrow by name. */
  name?: string;
}

const isDeny = (pattern: string | undefined): pattern is string => pattern?.startsWith('!') === true;
const given = (value: string | undefined): value is string => value !== undefined && value !== '';
const projectName = (project: AppProject): string => `"${project.metadata.name ?? ''}"`;

/** Argo CD's project glob: `*` alone matches anything, even the empty string. */
function matches(pattern: string | undefined, value: string, separators = ''): boolean {
  return pattern === '*' || globMatch(pattern ?? '', value, separators);
}

export function checkSourceAllowed(project: AppProject, repoURL: string): string | undefined {
  const repo = normalizeRepoURL(repoURL);
  const entries = project.spec.sourceRepos ?? [];
  const matchesRepo = (pattern: string): boolean => matches(normalizeRepoURL(pattern), repo, '/');
  const deny = entries.find((entry) => isDeny(entry) && matchesRepo(entry.slice(1)));
  if (deny !== undefined)
    return `repository "${repoURL}" is denied by "${deny}" in project ${projectName(project)}`;
  if (entries.some((entry) => !isDeny(entry) && matchesRepo(entry))) return undefined;
  return `repository "${repoURL}" is not permitted in project ${projectName(project)}`;
}

function deniedBy(pattern: string | undefined, value: string | undefined): boolean {
  return isDeny(pattern) && given(value) && matches(pattern.slice(1), value);
}

function denies(entry: ProjectDestination, dest: DestinationRef): boolean {
  return (
    deniedBy(entry.server, dest.server) ||
    deniedBy(entry.name, dest.name) ||
    deniedBy(entry.namespace, dest.namespace)
  );
}

function permits(entry: ProjectDestination, dest: DestinationRef): boolean {
  if (isDeny(entry.server) || isDeny(entry.name) || isDeny(entry.namespace)) return false;
  const cluster =
    (given(dest.server) && matches(entry.server, dest.server)) ||
    (given(dest.name) && matches(entry.name, dest.name));
  return cluster && matches(entry.namespace, dest.namespace ?? '');
}

function describeDestination(dest: DestinationRef): string {
  const parts = [
    given(dest.server) ? `server "${dest.server}"` : '',
    given(dest.name) ? `cluster "${dest.name}"` : '',
    given(dest.namespace) ? `namespace "${dest.namespace}"` : '',
  ];
  return ['destination', ...parts.filter((part) => part !== '')].join(' ');
}

/**
 * Whether the project permits `dest`. Like Argo CD, pass the server URL resolved from a cluster
 * name when it is known: entries such as the default project's match on server only.
 */
export function checkDestinationAllowed(project: AppProject, dest: DestinationRef): string | undefined {
  const entries = project.spec.destinations ?? [];
  const denied = entries.findIndex((entry) => denies(entry, dest));
  if (denied >= 0) {
    return `${describeDestination(dest)} is denied by destinations[${denied}] in project ${projectName(project)}`;
  }
  if (entries.some((entry) => permits(entry, dest))) return undefined;
  return `${describeDestination(dest)} is not permitted in project ${projectName(project)}`;
}

function listed(list: readonly ClusterResourceRestriction[] | undefined, res: ResourceRef): boolean {
  return (list ?? []).some(
    (item) =>
      matches(item.group, res.group, '/') &&
      matches(item.kind, res.kind, '/') &&
      (!given(item.name) || (given(res.name) && matches(item.name, res.name, '/'))),
  );
}

export function checkResourceAllowed(project: AppProject, res: ResourceRef): string | undefined {
  const spec = project.spec;
  const resource = `resource ${res.group}:${res.kind}`;
  const allowed = res.namespaced
    ? spec.namespaceResourceWhitelist === undefined ||
      spec.namespaceResourceWhitelist === null ||
      listed(spec.namespaceResourceWhitelist, res)
    : listed(spec.clusterResourceWhitelist, res);
  if (!allowed) return `${resource} is not permitted in project ${projectName(project)}`;
  const blacklist = res.namespaced ? 'namespaceResourceBlacklist' : 'clusterResourceBlacklist';
  if (listed(spec[blacklist], res))
    return `${resource} is denied by ${blacklist} in project ${projectName(project)}`;
  return undefined;
}
