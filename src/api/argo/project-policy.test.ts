import { describe, expect, it } from 'vitest';
import type { AppProject, AppProjectSpec } from './appproject-types.js';
import { checkDestinationAllowed, checkResourceAllowed, checkSourceAllowed } from './project-policy.js';
import { defaultProject } from './validate.js';

const project = (spec: AppProjectSpec): AppProject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'team-a', namespace: 'argocd' },
  spec,
});

describe('checkSourceAllowed', () => {
  const repos = project({
    sourceRepos: [
      'https://github.com/org/*',
      'https://gitlab.com/group/**',
      '!https://github.com/org/secret',
      'git@github.com:org/ssh-*',
    ],
  });
  const denyList = project({
    sourceRepos: ['!ssh://git@GITHUB.com/argoproj/test', '!https://gitlab.com/group/**', '*'],
  });

  it.each([
    [repos, 'https://github.com/org/app', undefined],
    [repos, 'https://github.com/org/app.git', undefined],
    [repos, 'HTTPS://GitHub.com/org/app', undefined],
    [
      repos,
      'https://github.com/org/nested/app',
      'repository "https://github.com/org/nested/app" is not permitted in project "team-a"',
    ],
    [repos, 'https://gitlab.com/group/sub/app', undefined],
    [
      repos,
      'https://github.com/org/secret.git',
      'repository "https://github.com/org/secret.git" is denied by "!https://github.com/org/secret" in project "team-a"',
    ],
    [repos, 'ssh://git@github.com/org/ssh-keys', undefined],
    [
      repos,
      'https://github.com/other/app',
      'repository "https://github.com/other/app" is not permitted in project "team-a"',
    ],
    [
      denyList,
      'git@github.com:argoproj/test.git',
      'repository "git@github.com:argoproj/test.git" is denied by "!ssh://git@GITHUB.com/argoproj/test" in project "team-a"',
    ],
    [
      denyList,
      'https://gitlab.com/group/a/b',
      'repository "https://gitlab.com/group/a/b" is denied by "!https://gitlab.com/group/**" in project "team-a"',
    ],
    [denyList, 'https://gitlab.com/other/a', undefined],
    [
      project({ sourceRepos: ['!https://github.com/org/secret'] }),
      'https://github.com/org/app',
      'repository "https://github.com/org/app" is not permitted in project "team-a"',
    ],
    [
      project({}),
      'https://github.com/org/app',
      'repository "https://github.com/org/app" is not permitted in project "team-a"',
    ],
  ])('%#: %s', (proj, repo, expected) => {
    expect(checkSourceAllowed(proj, repo)).toBe(expected);
  });
});

describe('checkDestinationAllowed', () => {
  const inCluster = 'https://kubernetes.default.svc';
  const teamA = project({
    destinations: [
      { server: inCluster, namespace: 'team-a-*' },
      { name: 'staging', namespace: '*' },
    ],
  });
  const negated = project({
    destinations: [
      { namespace: '!kube-system', server: '*' },
      { namespace: '*', server: '!https://team1-*' },
      { namespace: '*', server: '*' },
    ],
  });

  it.each([
    [teamA, { server: inCluster, namespace: 'team-a-web' }, undefined],
    [
      teamA,
      { server: inCluster, namespace: 'team-b' },
      `destination server "${inCluster}" namespace "team-b" is not permitted in project "team-a"`,
    ],
    [teamA, { server: inCluster }, `destination server "${inCluster}" is not permitted in project "team-a"`],
    [teamA, { name: 'staging', namespace: 'anything' }, undefined],
    [
      teamA,
      { name: 'prod', namespace: 'team-a-web' },
      'destination cluster "prod" namespace "team-a-web" is not permitted in project "team-a"',
    ],
    [negated, { server: inCluster, namespace: 'web' }, undefined],
    [
      negated,
      { server: inCluster, namespace: 'kube-system' },
      `destination server "${inCluster}" namespace "kube-system" is denied by destinations[0] in project "team-a"`,
    ],
    [
      negated,
      { server: 'https://team1-prod.example.com', namespace: 'web' },
      'destination server "https://team1-prod.example.com" namespace "web" is denied by destinations[1] in project "team-a"',
    ],
    [negated, { server: 'https://team2.example.com' }, undefined],
    [
      project({ destinations: [{ namespace: '!kube-system', server: '*' }] }),
      { server: inCluster, namespace: 'web' },
      `destination server "${inCluster}" namespace "web" is not permitted in project "team-a"`,
    ],
    [
      project({}),
      { server: inCluster, namespace: 'web' },
      `destination server "${inCluster}" namespace "web" is not permitted in project "team-a"`,
    ],
  ])('%#: %j', (proj, dest, expected) => {
    expect(checkDestinationAllowed(proj, dest)).toBe(expected);
  });
});

describe('checkResourceAllowed', () => {
  const clusterRole = { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', namespaced: false };
  const namespace = { group: '', kind: 'Namespace', namespaced: false };
  const deployment = { group: 'apps', kind: 'Deployment', namespaced: true };
  const quota = { group: '', kind: 'ResourceQuota', namespaced: true };
  const allowNamespaces = project({ clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] });
  const blacklists = project({
    clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    clusterResourceBlacklist: [{ group: 'rbac.authorization.k8s.io', kind: '*' }],
    namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
  });
  const onlyApps = project({ namespaceResourceWhitelist: [{ group: 'apps', kind: '*' }] });
  const noNamespaced = project({ namespaceResourceWhitelist: [] });
  const byName = project({ clusterResourceWhitelist: [{ group: '', kind: 'Namespace', name: 'team-a-*' }] });
  const notPermitted = (id: string): string => `resource ${id} is not permitted in project "team-a"`;

  it.each([
    [project({}), clusterRole, notPermitted('rbac.authorization.k8s.io:ClusterRole')],
    [project({ clusterResourceWhitelist: [] }), namespace, notPermitted(':Namespace')],
    [allowNamespaces, namespace, undefined],
    [allowNamespaces, clusterRole, notPermitted('rbac.authorization.k8s.io:ClusterRole')],
    [blacklists, namespace, undefined],
    [
      blacklists,
      clusterRole,
      'resource rbac.authorization.k8s.io:ClusterRole is denied by clusterResourceBlacklist in project "team-a"',
    ],
    [project({}), deployment, undefined],
    [
      blacklists,
      quota,
      'resource :ResourceQuota is denied by namespaceResourceBlacklist in project "team-a"',
    ],
    [onlyApps, deployment, undefined],
    [onlyApps, quota, notPermitted(':ResourceQuota')],
    [noNamespaced, deployment, notPermitted('apps:Deployment')],
    [byName, { ...namespace, name: 'team-a-web' }, undefined],
    [byName, { ...namespace, name: 'kube-system' }, notPermitted(':Namespace')],
  ])('%#: %j', (proj, res, expected) => {
    expect(checkResourceAllowed(proj, res)).toBe(expected);
  });
});

describe('the default project', () => {
  const proj = defaultProject('argocd');

  it.each([
    ['any repository', checkSourceAllowed(proj, 'git@example.com:any/repo.git')],
    [
      'any destination by server',
      checkDestinationAllowed(proj, { server: 'https://x.example.com', namespace: 'ns' }),
    ],
    [
      'any destination by server, no namespace',
      checkDestinationAllowed(proj, { server: 'https://x.example.com' }),
    ],
    [
      'cluster-scoped kinds',
      checkResourceAllowed(proj, {
        group: 'apiextensions.k8s.io',
        kind: 'CustomResourceDefinition',
        namespaced: false,
      }),
    ],
    ['namespaced kinds', checkResourceAllowed(proj, { group: '', kind: 'Secret', namespaced: true })],
  ])('allows %s', (_what, result) => {
    expect(result).toBeUndefined();
  });
});
