/**
 * Whole ApplicationSets to Applications, table by table: the seed's ApplicationSet and
 * the examples of Argo CD's generator and template documentation.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ApplicationSet } from '../api/argo/index.js';
import { ensureGoTemplateEngine } from '../templates/go-engine.js';
import { AppSetError, generateApplications, requeueAfterMs } from './generate.js';
import { appSet, cluster, memoryInputs } from './testutil.js';

beforeAll(() => ensureGoTemplateEngine(), 600_000);

const fixture = (name: string): ApplicationSet =>
  parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as ApplicationSet;

const clusters = [
  cluster('staging', 'https://1.2.3.4', {
    'argocd.argoproj.io/secret-type': 'cluster',
    environment: 'staging',
    'kubernetes.io/environment': 'dev',
    'use-kafka': 'false',
  }),
  cluster('production', 'https://2.4.6.8', {
    'argocd.argoproj.io/secret-type': 'cluster',
    environment: 'production',
    'kubernetes.io/environment': 'prod',
  }),
];
const addons = 'applicationset/examples/matrix/cluster-addons';
const inputs = memoryInputs({
  clusters,
  repos: {
    'https://github.com/argoproj/argo-cd.git': {
      [`${addons}/argo-workflows/kustomization.yaml`]: '',
      [`${addons}/prometheus-operator/Chart.yaml`]: '',
    },
    'https://github.com/argoproj/applicationset.git': {
      'examples/git-generator-files-discovery/cluster-config/engineering/dev/config.json': '{"env":"dev"}',
      'examples/git-generator-files-discovery/cluster-config/engineering/prod/config.json': '{"env":"prod"}',
    },
  },
});

describe('the seed’s ApplicationSet for multiple environments', () => {
  it('renders three Applications, each at its own revision in its own cluster', async () => {
    const apps = await generateApplications(fixture('seed-multi-env.yaml'), inputs);
    expect(
      apps.map((a) => [
        a.metadata.name,
        a.spec.source?.path,
        a.spec.source?.targetRevision,
        a.spec.destination.server,
      ]),
    ).toEqual([
      ['my-app-dev', 'apps/my-app/dev', 'main', 'https://dev-cluster.example.com'],
      ['my-app-staging', 'apps/my-app/staging', 'v1.2.0', 'https://staging-cluster.example.com'],
      ['my-app-prod', 'apps/my-app/prod', 'v1.2.0', 'https://prod-cluster.example.com'],
    ]);
    expect(apps[0]).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'my-app-dev',
        namespace: 'argocd',
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: 'default',
        source: { repoURL: 'https://github.com/org/gitops', path: 'apps/my-app/dev', targetRevision: 'main' },
        destination: { server: 'https://dev-cluster.example.com', namespace: 'my-app' },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
  });

  it('leaves the finalizer off with preserveResourcesOnDeletion', async () => {
    const set = fixture('seed-multi-env.yaml');
    set.spec.syncPolicy = { preserveResourcesOnDeletion: true };
    const apps = await generateApplications(set, inputs);
    expect(apps.every((a) => a.metadata.finalizers === undefined)).toBe(true);
  });
});

describe('Argo CD documentation examples', () => {
  it('GoTemplate: basic usage', async () => {
    const apps = await generateApplications(fixture('docs-gotemplate-basic.yaml'), inputs);
    expect(apps.map((a) => [a.metadata.name, a.spec.source?.path, a.spec.destination.server])).toEqual([
      ['engineering-dev-guestbook', 'guestbook/engineering-dev', 'https://1.2.3.4'],
      ['engineering-prod-guestbook', 'guestbook/engineering-prod', 'https://2.4.6.8'],
      ['finance-preprod-guestbook', 'guestbook/finance-preprod', 'https://9.8.7.6'],
    ]);
  });

  it('GoTemplate: fallbacks for unset parameters with dig', async () => {
    const apps = await generateApplications(fixture('docs-gotemplate-fallback.yaml'), inputs);
    expect(apps.map((a) => a.metadata.name)).toEqual(['engineering-dev', 'engineering-prod-my-name-suffix']);
  });

  it('Matrix: git directories × clusters', async () => {
    const apps = await generateApplications(fixture('docs-matrix-git-clusters.yaml'), inputs);
    expect(apps.map((a) => [a.metadata.name, a.spec.project, a.spec.destination.namespace])).toEqual([
      ['argo-workflows-production', 'production', 'argo-workflows'],
      ['argo-workflows-staging', 'staging', 'argo-workflows'],
      ['prometheus-operator-production', 'production', 'prometheus-operator'],
      ['prometheus-operator-staging', 'staging', 'prometheus-operator'],
    ]);
  });

  it('Matrix: the second child uses the first child’s parameters', async () => {
    const apps = await generateApplications(fixture('docs-matrix-params.yaml'), inputs);
    expect(apps.map((a) => [a.metadata.name, a.spec.destination.server])).toEqual([
      ['staging-guestbook', 'https://1.2.3.4'],
      ['production-guestbook', 'https://2.4.6.8'],
    ]);
  });

  it('Merge: base parameters overridden by merge key', async () => {
    const apps = await generateApplications(fixture('docs-merge.yaml'), inputs);
    const helm = (name: string): unknown =>
      apps
        .find((a) => a.metadata.name === name)
        ?.spec.source?.helm?.parameters?.map((p) => `${p.name}=${p.value}`);
    expect(apps.map((a) => a.metadata.name)).toEqual(['production', 'staging', 'in-cluster']);
    expect(helm('staging')).toEqual(['kafka=false', 'redis=false']);
    expect(helm('production')).toEqual(['kafka=true', 'redis=true']);
  });

  it('Post selector: only the matching list element', async () => {
    const apps = await generateApplications(fixture('docs-post-selector.yaml'), inputs);
    expect(apps.map((a) => a.metadata.name)).toEqual(['engineering-dev-guestbook']);
  });

  it('Template: a generator’s own template overrides the ApplicationSet’s', async () => {
    const apps = await generateApplications(fixture('docs-template-override.yaml'), inputs);
    expect(apps.map((a) => [a.metadata.name, a.spec.source?.path, a.spec.source?.targetRevision])).toEqual([
      [
        'engineering-dev-guestbook',
        'applicationset/examples/template-override/engineering-dev-override',
        'HEAD',
      ],
      [
        'engineering-prod-guestbook',
        'applicationset/examples/template-override/engineering-prod-override',
        'HEAD',
      ],
    ]);
    // fields the generator's template leaves empty come from the ApplicationSet's
    expect(apps[0]?.spec.source?.repoURL).toBe('https://github.com/argoproj/argo-cd.git');
    expect(apps[0]?.spec.destination).toEqual({
      server: 'https://kubernetes.default.svc',
      namespace: 'guestbook',
    });
  });

  it('Template: templatePatch adds value files and an automated sync policy', async () => {
    const apps = await generateApplications(fixture('docs-template-patch.yaml'), inputs);
    expect(apps[0]?.spec.source?.helm?.valueFiles).toEqual(['values.large.yaml', 'values.debug.yaml']);
    expect(apps[0]?.spec.syncPolicy).toEqual({ automated: { prune: true } });
    expect(apps[0]?.spec.project).toBe('default');
    expect(apps[1]?.spec.syncPolicy).toBeUndefined();
  });
});

describe('errors', () => {
  it('missingkey=error names the key, as a RenderTemplateParamsError', async () => {
    const set = fixture('docs-gotemplate-basic.yaml');
    set.spec.template.metadata.name = '{{.cluster}}-{{.nosuchkey}}';
    const err = await generateApplications(set, inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppSetError);
    expect((err as AppSetError).reason).toBe('RenderTemplateParamsError');
    expect((err as Error).message).toContain('map has no entry for key "nosuchkey"');
  });

  it('a failing generator is an ApplicationGenerationFromParamsError', async () => {
    const set = appSet({
      generators: [{ git: { repoURL: 'https://nowhere', revision: 'HEAD', directories: [{ path: '*' }] } }],
    });
    const err = (await generateApplications(set, memoryInputs({ failGit: 'fetch failed' })).catch(
      (e: unknown) => e,
    )) as AppSetError;
    expect(err.reason).toBe('ApplicationGenerationFromParamsError');
    expect(err.message).toContain('fetch failed');
  });

  it.each([
    [
      { matrix: { generators: [{ list: { elements: [] } }] } },
      'found less than two generators, Matrix support only two',
    ],
    [
      {
        merge: {
          mergeKeys: [],
          generators: [{ list: { elements: [{ a: 'b' }] } }, { list: { elements: [] } }],
        },
      },
      'no merge keys were specified',
    ],
    [{ pullRequest: {} }, 'the pullRequest generator is not supported by Ferry yet'],
    [
      { list: { elements: [{ a: 'x' }] }, selector: { matchExpressions: [{ key: 'a', operator: 'Bad' }] } },
      'error parsing label selector',
    ],
  ])('%j → %s', async (generator, message) => {
    await expect(generateApplications(appSet({ generators: [generator as never] }), inputs)).rejects.toThrow(
      message,
    );
  });

  it('rejects goTemplateOptions text/template does not know', async () => {
    const err = (await generateApplications(
      appSet({ goTemplate: true, goTemplateOptions: ['missingkey=maybe'] }),
      inputs,
    ).catch((e: unknown) => e)) as AppSetError;
    expect(err.reason).toBe('ApplicationValidationError');
  });
});

describe('requeueAfterMs', () => {
  it('is the smallest git requeueAfterSeconds, 3 minutes by default, none for lists', () => {
    expect(requeueAfterMs(appSet({ generators: [{ list: { elements: [] } }] }))).toBeUndefined();
    const git = { repoURL: 'r', revision: 'HEAD', directories: [{ path: '*' }] };
    expect(requeueAfterMs(appSet({ generators: [{ git }] }))).toBe(180_000);
    expect(
      requeueAfterMs(
        appSet({
          generators: [
            { matrix: { generators: [{ git: { ...git, requeueAfterSeconds: 30 } }, { list: {} }] } },
          ],
        }),
      ),
    ).toBe(30_000);
  });
});
