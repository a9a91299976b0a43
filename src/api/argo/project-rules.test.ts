import { describe, expect, it } from 'vitest';
import { validateAppProject } from './validate.js';
import { loadFixture, withField } from './testdata/load.js';

const full = loadFixture('appproject-full.yaml');
const window = { kind: 'allow', schedule: '0 1 * * *', duration: '1h', clusters: ['in-cluster'] };
const role = (policies: string[]): unknown[] => [{ name: 'ci', policies }];

describe('validateAppProject', () => {
  it('accepts a project using every field', () => {
    const result = validateAppProject(full);
    expect(result.errors).toEqual([]);
    expect(result.project?.metadata.name).toBe('shop');
  });

  it.each([
    [
      'a deny-all source',
      withField(full, 'spec.sourceRepos', ['!*']),
      'spec.sourceRepos[0] "!*" would deny every repository',
    ],
    [
      'a repeated source',
      withField(full, 'spec.sourceRepos', ['a', 'b', 'a']),
      'spec.sourceRepos[2] repeats repository "a"',
    ],
    [
      'a deny-all namespace',
      withField(full, 'spec.destinations', [{ server: '*', namespace: '!*' }]),
      'spec.destinations[0].namespace "!*" would deny every destination',
    ],
    [
      'a repeated destination',
      withField(full, 'spec.destinations', [
        { server: '*', namespace: 'a' },
        { server: '*', namespace: 'a' },
      ]),
      'spec.destinations[1] repeats destination "*//a"',
    ],
    [
      'a bad role name',
      withField(full, 'spec.roles', [{ name: '-ci' }]),
      `spec.roles[0].name "-ci" must be letters, digits, '-' or '_', starting and ending with a letter or digit`,
    ],
    [
      'a repeated role',
      withField(full, 'spec.roles', [{ name: 'ci' }, { name: 'ci' }]),
      'spec.roles[1] repeats role "ci"',
    ],
    [
      'a short policy',
      withField(full, 'spec.roles', role(['p, proj:shop:ci, applications, get'])),
      'spec.roles[0].policies[0] "p, proj:shop:ci, applications, get" must be of the form "p, <subject>, <resource>, <action>, <object>, <effect>"',
    ],
    [
      'a policy for another role',
      withField(full, 'spec.roles', role(['p, proj:shop:admin, applications, get, shop/*, allow'])),
      'spec.roles[0].policies[0] "p, proj:shop:admin, applications, get, shop/*, allow" must have the subject "proj:shop:ci"',
    ],
    [
      'a policy on projects',
      withField(full, 'spec.roles', role(['p, proj:shop:ci, projects, get, shop/*, allow'])),
      'spec.roles[0].policies[0] "p, proj:shop:ci, projects, get, shop/*, allow" has resource "projects", not one of applications, applicationsets, repositories, clusters, logs, exec',
    ],
    [
      'a policy with a bad action',
      withField(full, 'spec.roles', role(['p, proj:shop:ci, applications, list, shop/*, allow'])),
      'spec.roles[0].policies[0] "p, proj:shop:ci, applications, list, shop/*, allow" has an unknown action "list"',
    ],
    [
      'a policy on another project',
      withField(full, 'spec.roles', role(['p, proj:shop:ci, applications, get, other/*, allow'])),
      'spec.roles[0].policies[0] "p, proj:shop:ci, applications, get, other/*, allow" must have an object of the form "shop[/<namespace>]/<application>"',
    ],
    [
      'a policy with a bad effect',
      withField(full, 'spec.roles', role(['p, proj:shop:ci, applications, get, shop/*, permit'])),
      'spec.roles[0].policies[0] "p, proj:shop:ci, applications, get, shop/*, permit" must end with the effect allow or deny',
    ],
    [
      'a window of unknown kind',
      withField(full, 'spec.syncWindows', [{ ...window, kind: 'block' }]),
      'spec.syncWindows[0].kind must be allow or deny',
    ],
    [
      'a bad schedule',
      withField(full, 'spec.syncWindows', [{ ...window, schedule: '0 1 * *' }]),
      'spec.syncWindows[0].schedule "0 1 * *" is not a five-field cron expression',
    ],
    [
      'a bad window duration',
      withField(full, 'spec.syncWindows', [{ ...window, duration: '1 hour' }]),
      'spec.syncWindows[0].duration "1 hour" is not a duration',
    ],
    [
      'a window without targets',
      withField(full, 'spec.syncWindows', [{ ...window, clusters: [] }]),
      'spec.syncWindows[0]: one of applications, namespaces or clusters is required',
    ],
    [
      'a repeated window',
      withField(full, 'spec.syncWindows', [window, window]),
      'spec.syncWindows[1] repeats window "allow 0 1 * * * 1h"',
    ],
    ['an unknown field', withField(full, 'spec.sourceRepo', ['*']), 'spec.sourceRepo is not a known field'],
    ['another kind', withField(full, 'kind', 'Application'), 'kind must be AppProject, got "Application"'],
  ])('rejects %s', (_name, doc, message) => {
    const result = validateAppProject(doc);
    expect(result.errors).toContain(message);
    expect(result.project).toBeUndefined();
  });
});
