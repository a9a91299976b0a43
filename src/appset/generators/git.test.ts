import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTemplateEngine } from '../../templates/go-engine.js';
import { fast, go, memoryInputs } from '../testutil.js';
import { filterDirectories, gitGeneratorParams } from './git.js';

beforeAll(() => ensureGoTemplateEngine(), 600_000);

const repo = 'https://github.com/argoproj/argo-cd.git';
const base = 'applicationset/examples/git-generator-directory';
const config = (owner: string, name: string): string =>
  JSON.stringify({
    aws_account: '123456',
    asset_id: '11223344',
    cluster: { owner, name, address: `https://${name}.example.com` },
  });
const inputs = memoryInputs({
  repos: {
    [repo]: {
      [`${base}/cluster-addons/argo-workflows/kustomization.yaml`]: '',
      [`${base}/cluster-addons/prometheus-operator/Chart.yaml`]: '',
      [`${base}/excludes/cluster-addons/argo-workflows/x.yaml`]: '',
      [`${base}/excludes/cluster-addons/exclude-helm-guestbook/x.yaml`]: '',
      [`${base}/.hidden/x.yaml`]: '',
      'cluster-config/engineering/dev/config.json': config('cluster-admin@company.com', 'engineering-dev'),
      'cluster-config/engineering/prod/config.json': config('cluster-admin@company.com', 'engineering-prod'),
      'cluster-config/list.yaml': '- name: a\n- name: b\n',
    },
  },
});

describe('git directory generator', () => {
  it('Argo CD docs: one parameter set per matching directory', async () => {
    const params = await gitGeneratorParams(
      { repoURL: repo, revision: 'HEAD', directories: [{ path: `${base}/cluster-addons/*` }] },
      inputs,
      fast,
    );
    expect(params).toEqual([
      {
        path: `${base}/cluster-addons/argo-workflows`,
        'path.basename': 'argo-workflows',
        'path.basenameNormalized': 'argo-workflows',
        'path[0]': 'applicationset',
        'path[1]': 'examples',
        'path[2]': 'git-generator-directory',
        'path[3]': 'cluster-addons',
        'path[4]': 'argo-workflows',
      },
      expect.objectContaining({ 'path.basename': 'prometheus-operator' }),
    ]);
  });

  it('Argo CD docs: exclude wins over include', async () => {
    const params = await gitGeneratorParams(
      {
        repoURL: repo,
        revision: 'HEAD',
        directories: [
          { path: `${base}/excludes/cluster-addons/*` },
          { path: `${base}/excludes/cluster-addons/exclude-helm-guestbook`, exclude: true },
        ],
      },
      inputs,
      fast,
    );
    expect(params.map((p) => p['path.basename'])).toEqual(['argo-workflows']);
  });

  it('gives .path objects with goTemplate, nested under pathParamPrefix', async () => {
    const git = {
      repoURL: repo,
      revision: 'HEAD',
      directories: [{ path: `${base}/cluster-addons/argo-*` }],
      pathParamPrefix: 'addon',
    };
    expect(await gitGeneratorParams(git, inputs, go)).toEqual([
      {
        addon: {
          path: {
            path: `${base}/cluster-addons/argo-workflows`,
            basename: 'argo-workflows',
            basenameNormalized: 'argo-workflows',
            segments: [
              'applicationset',
              'examples',
              'git-generator-directory',
              'cluster-addons',
              'argo-workflows',
            ],
          },
        },
      },
    ]);
  });

  it('applies Go path.Match: * stays in one segment, hidden directories are not listed', () => {
    const all = ['apps', 'apps/a', 'apps/a/b', '.git'];
    expect(filterDirectories([{ path: 'apps/*' }], all)).toEqual(['apps/a']);
    expect(filterDirectories([{ path: '*' }], all)).toEqual(['apps', '.git']);
  });
});

describe('git file generator', () => {
  it('Argo CD docs: JSON files flattened to dotted keys, with path parameters', async () => {
    const params = await gitGeneratorParams(
      { repoURL: repo, revision: 'HEAD', files: [{ path: 'cluster-config/**/config.json' }] },
      inputs,
      fast,
    );
    expect(params[0]).toEqual({
      aws_account: '123456',
      asset_id: '11223344',
      'cluster.owner': 'cluster-admin@company.com',
      'cluster.name': 'engineering-dev',
      'cluster.address': 'https://engineering-dev.example.com',
      path: 'cluster-config/engineering/dev',
      'path.basename': 'dev',
      'path.basenameNormalized': 'dev',
      'path.filename': 'config.json',
      'path.filenameNormalized': 'config.json',
      'path[0]': 'cluster-config',
      'path[1]': 'engineering',
      'path[2]': 'dev',
    });
    expect(params.map((p) => p['cluster.name'])).toEqual(['engineering-dev', 'engineering-prod']);
  });

  it('keeps file content nested with goTemplate', async () => {
    const params = await gitGeneratorParams(
      { repoURL: repo, revision: 'HEAD', files: [{ path: 'cluster-config/engineering/dev/config.json' }] },
      inputs,
      go,
    );
    expect(params[0]).toMatchObject({
      cluster: { name: 'engineering-dev' },
      path: { path: 'cluster-config/engineering/dev', filename: 'config.json' },
    });
  });

  it('gives one parameter set per entry of a YAML list, and honours excludes', async () => {
    const git = {
      repoURL: repo,
      revision: 'HEAD',
      files: [{ path: 'cluster-config/**' }, { path: 'cluster-config/**/*.json', exclude: true }],
    };
    expect((await gitGeneratorParams(git, inputs, fast)).map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('reports fetch failures and unparsable files', async () => {
    await expect(
      gitGeneratorParams(
        { repoURL: repo, revision: 'HEAD', directories: [{ path: '*' }] },
        memoryInputs({ failGit: 'connection refused' }),
        fast,
      ),
    ).rejects.toThrow(
      'error generating params from git: error getting directories from git: connection refused',
    );
    const bad = memoryInputs({ repos: { [repo]: { 'x.yaml': 'a: [' } } });
    await expect(
      gitGeneratorParams({ repoURL: repo, revision: 'HEAD', files: [{ path: 'x.yaml' }] }, bad, fast),
    ).rejects.toThrow(`unable to process file 'x.yaml' from repository '${repo}'`);
  });
});
