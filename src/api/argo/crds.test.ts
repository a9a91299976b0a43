import { describe, expect, it } from 'vitest';
import { allArgoCrds, applicationCrd, appProjectCrd } from './crds.js';
import type { SchemaNode } from './schema.js';
import { schemaIssues } from './schema-walk.js';
import { structuralIssues } from './structural.js';
import { loadFixture, withField } from './testdata/load.js';

interface Version {
  name: string;
  served: boolean;
  storage: boolean;
  schema: { openAPIV3Schema: SchemaNode };
  additionalPrinterColumns?: Array<{ name: string; jsonPath: string; priority?: number }>;
  subresources?: unknown;
}

const versionOf = (crd: ReturnType<typeof applicationCrd>): Version =>
  (crd.spec as { versions: Version[] }).versions[0]!;
const schemaOf = (crd: ReturnType<typeof applicationCrd>): SchemaNode =>
  versionOf(crd).schema.openAPIV3Schema;

describe('Argo CD CRDs', () => {
  it.each([
    ['applications.argoproj.io', applicationCrd(), 'Application', ['app', 'apps']],
    ['appprojects.argoproj.io', appProjectCrd(), 'AppProject', ['appproj', 'appprojs']],
  ])('%s keeps Argo CD names, scope and version', (name, crd, kind, shortNames) => {
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd.metadata.name).toBe(name);
    expect(crd.spec).toMatchObject({
      group: 'argoproj.io',
      scope: 'Namespaced',
      names: { kind, shortNames },
    });
    expect(versionOf(crd)).toMatchObject({ name: 'v1alpha1', served: true, storage: true });
  });

  it.each([
    ['Application', schemaOf(applicationCrd())],
    ['AppProject', schemaOf(appProjectCrd())],
  ])('the %s schema is structural', (_kind, schema) => {
    expect(structuralIssues(schema)).toEqual([]);
  });

  it('has no status subresource, like Argo CD', () => {
    for (const crd of allArgoCrds()) expect(versionOf(crd).subresources).toBeUndefined();
  });

  it('prints the columns Argo CD prints', () => {
    const columns = versionOf(applicationCrd()).additionalPrinterColumns ?? [];
    expect(columns.map((c) => [c.name, c.jsonPath, c.priority ?? 0])).toEqual([
      ['Sync Status', '.status.sync.status', 0],
      ['Health Status', '.status.health.status', 0],
      ['Revision', '.status.sync.revision', 10],
      ['Project', '.spec.project', 10],
    ]);
  });

  it('serializes to JSON unchanged (no undefined values)', () => {
    for (const crd of allArgoCrds()) expect(JSON.parse(JSON.stringify(crd))).toEqual(crd);
  });

  it('keeps free-form content only where Argo CD has it', () => {
    const preserved: string[] = [];
    const walk = (node: SchemaNode, path: string): void => {
      if (node['x-kubernetes-preserve-unknown-fields'] === true) preserved.push(path);
      for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${key}`);
      if (node.items !== undefined) walk(node.items, `${path}[]`);
    };
    walk(schemaOf(applicationCrd()), '');
    expect(preserved.every((path) => path.endsWith('.helm.valuesObject') || path === '.status')).toBe(true);
    expect(preserved).toContain('.spec.source.helm.valuesObject');
  });
});

describe('Application schema', () => {
  const schema = schemaOf(applicationCrd());

  it.each(['application-basic.yaml', 'application-full.yaml', 'application-multi-source.yaml'])(
    '%s conforms',
    (file) => {
      expect(schemaIssues(schema, loadFixture(file))).toEqual([]);
    },
  );

  it.each([
    ['spec.sourc', 'spec.sourc is not a known field'],
    ['spec.source.helm.valueFile', 'spec.source.helm.valueFile is not a known field'],
    ['spec.syncPolicy.automated.selfheal', 'spec.syncPolicy.automated.selfheal is not a known field'],
    ['spec.destination.cluster', 'spec.destination.cluster is not a known field'],
    ['spec.syncPolicy.retry.backoff.jitter', 'spec.syncPolicy.retry.backoff.jitter is not a known field'],
    ['extra', 'extra is not a known field'],
  ])('rejects the unknown field %s', (path, message) => {
    expect(schemaIssues(schema, withField(loadFixture('application-basic.yaml'), path, true))).toEqual([
      message,
    ]);
  });
});

describe('AppProject schema', () => {
  const schema = schemaOf(appProjectCrd());

  it('accepts a project using every field', () => {
    expect(schemaIssues(schema, loadFixture('appproject-full.yaml'))).toEqual([]);
  });

  it.each([
    ['spec.sourceRepo', ['x'], 'spec.sourceRepo is not a known field'],
    ['spec.roles', [{ policies: [] }], 'spec.roles[0].name is required'],
    [
      'spec.clusterResourceWhitelist',
      [{ kind: 'Namespace' }],
      'spec.clusterResourceWhitelist[0].group is required',
    ],
    ['spec.destinations', 'in-cluster', 'spec.destinations must be an array, got string "in-cluster"'],
  ])('reports %s', (path, value, message) => {
    expect(schemaIssues(schema, withField(loadFixture('appproject-full.yaml'), path, value))).toEqual([
      message,
    ]);
  });
});

describe('structuralIssues', () => {
  it.each([
    [{ properties: { a: { type: 'string' } } }, '<root>: type is missing'],
    [{ type: 'array' }, '<root>: array without items'],
    [{ type: 'string', properties: {} }, '<root>: properties on a non-object'],
    [{ type: 'object', properties: { a: {} } }, '<root>.a: type is missing'],
    [{ type: 'object', properties: {}, required: ['a'] }, '<root>: required field a is not a property'],
    [
      { anyOf: [{ type: 'integer', format: 'int32' }], 'x-kubernetes-int-or-string': true },
      '<root>: anyOf branch carries more than type',
    ],
  ] as Array<[SchemaNode, string]>)('finds %j', (schema, issue) => {
    expect(structuralIssues(schema)).toContain(issue);
  });
});
