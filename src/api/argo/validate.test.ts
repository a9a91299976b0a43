import { describe, expect, it } from 'vitest';
import { defaultProject, validateApplication, validateAppProject } from './validate.js';
import { loadFixture, withField, type Doc } from './testdata/load.js';

const basic = loadFixture('application-basic.yaml');
const multi = loadFixture('application-multi-source.yaml');

describe('validateApplication accepts', () => {
  it.each([
    ['the seed Basic Application', basic],
    ['an Application using every spec field', loadFixture('application-full.yaml')],
    ['a multi-source Application', multi],
    ['chart and path together (Argo CD allows both)', withField(basic, 'spec.source.path', 'charts')],
    [
      'a git path without chart',
      withField(withField(basic, 'spec.source.chart', undefined), 'spec.source.path', 'k8s'),
    ],
    [
      'a cluster name instead of a server',
      withField(basic, 'spec.destination', { name: 'prod', namespace: 'x' }),
    ],
    ['a backoff in plain seconds', withField(basic, 'spec.syncPolicy.retry.backoff.duration', '30')],
    ['a fractional Go duration', withField(basic, 'spec.syncPolicy.retry.backoff.maxDuration', '1.5h')],
    ['an empty project (the default project)', withField(basic, 'spec.project', '')],
    ['anything in helm.valuesObject', withField(basic, 'spec.source.helm.valuesObject', { a: [{ b: 1 }] })],
    ['anything in status', withField(basic, 'status', { sync: { status: 'Synced' }, extra: 1 })],
    ['nulls as absent fields', withField(basic, 'spec.syncPolicy.automated', null)],
    [
      'a source hydrator alone',
      withField(withField(basic, 'spec.source', undefined), 'spec.sourceHydrator', {
        drySource: { repoURL: 'https://git.example.com/a', targetRevision: 'main', path: 'app' },
        syncSource: { targetBranch: 'env/prod', path: 'app' },
      }),
    ],
  ])('%s', (_name, doc) => {
    const result = validateApplication(doc);
    expect(result.errors).toEqual([]);
    expect(result.app?.metadata.name).toBe((doc.metadata as Doc).name);
  });
});

const noServerOrName = withField(basic, 'spec.destination', { namespace: 'my-app' });
const bothServerAndName = withField(basic, 'spec.destination.name', 'in-cluster');
const noRepo = withField(basic, 'spec.source.repoURL', undefined);
const bothSources = withField(basic, 'spec.sources', [{ repoURL: 'https://git.example.com/a', path: 'x' }]);
const noSource = withField(basic, 'spec.source', undefined);
const noPathOrChart = withField(basic, 'spec.source.chart', undefined);
const chartNoRevision = withField(basic, 'spec.source.targetRevision', undefined);
const badBackoff = withField(basic, 'spec.syncPolicy.retry.backoff.duration', '5x');
const badMaxBackoff = withField(basic, 'spec.syncPolicy.retry.backoff.maxDuration', '3 minutes');
const badOptionValue = withField(basic, 'spec.syncPolicy.syncOptions', [
  'CreateNamespace=true',
  'CreateNamespace=yes',
]);
const unknownOption = withField(basic, 'spec.syncPolicy.syncOptions', ['AutoPrune=true']);
const optionWithoutValue = withField(basic, 'spec.syncPolicy.syncOptions', ['CreateNamespace']);
const misspeltSpecField = withField(basic, 'spec.sourc', { repoURL: 'x' });
const misspeltHelmField = withField(basic, 'spec.source.helm.valueFile', ['x.yaml']);
const stringLimit = withField(basic, 'spec.syncPolicy.retry.limit', '3');
const twoTools = withField(basic, 'spec.source.kustomize', { namePrefix: 'a-' });
const sources = (multi.spec as Doc).sources as Doc[];
const refWithoutPath = withField(multi, 'spec.sources', [
  ...sources,
  { repoURL: 'https://git.example.com/b' },
]);
const duplicateRef = withField(multi, 'spec.sources', [
  ...sources,
  { repoURL: 'https://git.example.com/b', ref: 'values' },
]);
const badRef = withField(multi, 'spec.sources', [{ repoURL: 'https://git.example.com/b', ref: 'my values' }]);

describe('validateApplication rejects', () => {
  it.each([
    ['no server or name', noServerOrName, 'spec.destination: one of server or name is required'],
    ['server and name', bothServerAndName, 'spec.destination: set either server or name, not both'],
    ['a source without repoURL', noRepo, 'spec.source.repoURL is required'],
    ['source and sources', bothSources, 'spec.source: set either source or sources, not both'],
    ['no source', noSource, 'spec.source: one of source, sources or sourceHydrator is required'],
    ['a source without path or chart', noPathOrChart, 'spec.source: one of path or chart is required'],
    [
      'a chart without version',
      chartNoRevision,
      'spec.source.targetRevision is required when spec.source.chart is set',
    ],
    ['a bad backoff duration', badBackoff, 'spec.syncPolicy.retry.backoff.duration "5x" is not a duration'],
    [
      'a bad max backoff',
      badMaxBackoff,
      'spec.syncPolicy.retry.backoff.maxDuration "3 minutes" is not a duration',
    ],
    [
      'a bad option value',
      badOptionValue,
      'spec.syncPolicy.syncOptions[1] "CreateNamespace=yes" is not a known option value; CreateNamespace takes true or false',
    ],
    [
      'an unknown option',
      unknownOption,
      'spec.syncPolicy.syncOptions[0] "AutoPrune=true" is not a known option',
    ],
    [
      'an option without value',
      optionWithoutValue,
      'spec.syncPolicy.syncOptions[0] "CreateNamespace" is not of the form Name=value',
    ],
    ['an unknown spec field', misspeltSpecField, 'spec.sourc is not a known field'],
    ['an unknown nested field', misspeltHelmField, 'spec.source.helm.valueFile is not a known field'],
    [
      'a string where an integer belongs',
      stringLimit,
      'spec.syncPolicy.retry.limit must be an integer, got string "3"',
    ],
    [
      'two renderer blocks',
      twoTools,
      'spec.source: only one of helm, kustomize, directory or plugin may be set, found helm, kustomize',
    ],
    [
      'a multi source without path, chart or ref',
      refWithoutPath,
      'spec.sources[3]: one of path, chart or ref is required',
    ],
    ['a repeated ref', duplicateRef, 'spec.sources[3].ref "values" is already used by another source'],
    [
      'a ref with a space',
      badRef,
      `spec.sources[0].ref "my values" may contain only letters, digits, '_' and '-'`,
    ],
    ['no project', withField(basic, 'spec.project', undefined), 'spec.project is required'],
    ['no destination', withField(basic, 'spec.destination', undefined), 'spec.destination is required'],
    [
      'a replica count of the wrong type',
      withField(multi, 'spec.sources', [
        { ...sources[2], kustomize: { replicas: [{ name: 'a', count: true }] } },
      ]),
      'spec.sources[0].kustomize.replicas[0].count must be an integer or a string, got boolean true',
    ],
    [
      'a bad operation option',
      withField(basic, 'operation.sync.syncOptions', ['Prune=no']),
      'operation.sync.syncOptions[0] "Prune=no" is not a known option value; Prune takes true, false or confirm',
    ],
    [
      'an unknown operation field',
      withField(basic, 'operation.sync.revison', 'abc'),
      'operation.sync.revison is not a known field',
    ],
    [
      'a non-string label value',
      withField(basic, 'spec.syncPolicy.managedNamespaceMetadata', { labels: { 'a.io/b': 1 } }),
      'spec.syncPolicy.managedNamespaceMetadata.labels["a.io/b"] must be a string, got number 1',
    ],
    ['another kind', withField(basic, 'kind', 'AppProject'), 'kind must be Application, got "AppProject"'],
    [
      'another apiVersion',
      withField(basic, 'apiVersion', 'argoproj.io/v1'),
      'apiVersion must be argoproj.io/v1alpha1, got "argoproj.io/v1"',
    ],
    ['no name', withField(basic, 'metadata.name', undefined), 'metadata.name is required'],
  ])('%s', (_name, doc, message) => {
    const result = validateApplication(doc);
    expect(result.errors).toContain(message);
    expect(result.app).toBeUndefined();
  });

  it('something that is not an object', () => {
    expect(validateApplication('app').errors).toEqual(['an Application must be an object']);
  });

  it('reports each problem once', () => {
    const errors = validateApplication(withField(noRepo, 'spec.sourc', 1)).errors;
    expect(errors).toEqual(['spec.source.repoURL is required', 'spec.sourc is not a known field']);
  });
});

describe('defaultProject', () => {
  it('is the permissive project Argo CD creates, and valid', () => {
    const project = defaultProject('argocd');
    expect(project.metadata).toEqual({ name: 'default', namespace: 'argocd' });
    expect(project.spec).toEqual({
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    });
    expect(validateAppProject(project).errors).toEqual([]);
  });
});
