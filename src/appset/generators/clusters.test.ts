import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTemplateEngine } from '../../templates/go-engine.js';
import { cluster, fast, go } from '../testutil.js';
import { clusterGeneratorParams } from './clusters.js';

beforeAll(() => ensureGoTemplateEngine(), 600_000);

const staging = cluster(
  'staging',
  'https://1.2.3.4',
  { environment: 'staging', staging: 'true', 'use-kafka': 'false' },
  { owner: 'team-a' },
);
const production = cluster('production', 'https://2.4.6.8', { environment: 'production' });
const clusters = [production, staging];

describe('cluster generator', () => {
  it('Argo CD docs: every cluster plus the in-cluster one when the selector is empty', () => {
    expect(clusterGeneratorParams({}, clusters, fast)).toEqual([
      {
        name: 'production',
        nameNormalized: 'production',
        server: 'https://2.4.6.8',
        project: '',
        'metadata.labels.environment': 'production',
      },
      {
        name: 'staging',
        nameNormalized: 'staging',
        server: 'https://1.2.3.4',
        project: '',
        'metadata.annotations.owner': 'team-a',
        'metadata.labels.environment': 'staging',
        'metadata.labels.staging': 'true',
        'metadata.labels.use-kafka': 'false',
      },
      {
        name: 'in-cluster',
        nameNormalized: 'in-cluster',
        server: 'https://kubernetes.default.svc',
        project: '',
      },
    ]);
  });

  it('Argo CD docs: a label selector picks clusters and leaves the in-cluster one out', () => {
    const params = clusterGeneratorParams({ selector: { matchLabels: { staging: 'true' } } }, clusters, fast);
    expect(params.map((p) => p.name)).toEqual(['staging']);
  });

  it('does not add in-cluster when a Secret already names https://kubernetes.default.svc', () => {
    const local = cluster('local', 'https://kubernetes.default.svc');
    expect(clusterGeneratorParams({}, [local], fast).map((p) => p.name)).toEqual(['local']);
  });

  it('Argo CD docs: values are templated with the cluster parameters', () => {
    const generator = {
      selector: { matchLabels: { staging: 'true' } },
      values: { revision: 'HEAD', clusterName: '{{name}}' },
    };
    expect(clusterGeneratorParams(generator, clusters, fast)[0]).toMatchObject({
      'values.revision': 'HEAD',
      'values.clusterName': 'staging',
    });
  });

  it('gives nested metadata and values with goTemplate', () => {
    const generator = {
      selector: { matchLabels: { staging: 'true' } },
      values: { name: '{{ .name | upper }}' },
    };
    expect(clusterGeneratorParams(generator, clusters, go)).toEqual([
      {
        name: 'staging',
        nameNormalized: 'staging',
        server: 'https://1.2.3.4',
        project: '',
        metadata: { annotations: { owner: 'team-a' }, labels: staging.labels },
        values: { name: 'STAGING' },
      },
    ]);
  });

  it('leaves Argo CD bookkeeping annotations out', () => {
    const c = cluster(
      'c',
      'https://c',
      {},
      { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'x' },
    );
    expect(clusterGeneratorParams({ selector: { matchLabels: {} } }, [c], fast)[0]).toEqual({
      name: 'c',
      nameNormalized: 'c',
      server: 'https://c',
      project: '',
      'metadata.annotations.keep': 'x',
    });
  });

  it('puts every cluster in one parameter set with flatList', () => {
    const params = clusterGeneratorParams(
      { flatList: true, selector: { matchLabels: { environment: 'production' } } },
      clusters,
      go,
    );
    expect(params).toEqual([{ clusters: [expect.objectContaining({ name: 'production' })] }]);
  });
});
