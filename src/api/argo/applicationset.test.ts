import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applicationSetCrd } from './applicationset-crd.js';
import { validateApplicationSet } from './applicationset-validate.js';
import type { SchemaNode } from './schema.js';
import { structuralIssues } from './structural.js';
import { withField, type Doc } from './testdata/load.js';

const examples = new URL('../../appset/testdata/', import.meta.url);
const load = (name: string): Doc => parse(readFileSync(new URL(name, examples), 'utf8')) as Doc;
const seed = load('seed-multi-env.yaml');
const version = (applicationSetCrd().spec as { versions: Array<Record<string, unknown>> }).versions[0]!;

describe('the ApplicationSet CRD', () => {
  it('keeps Argo CD’s names, scope and status subresource', () => {
    const crd = applicationSetCrd();
    expect(crd.metadata.name).toBe('applicationsets.argoproj.io');
    expect(crd.spec).toMatchObject({
      group: 'argoproj.io',
      scope: 'Namespaced',
      names: { kind: 'ApplicationSet', shortNames: ['appset', 'appsets'] },
    });
    expect(version).toMatchObject({
      name: 'v1alpha1',
      served: true,
      storage: true,
      subresources: { status: {} },
    });
  });

  it('has a structural schema', () => {
    expect(structuralIssues((version.schema as { openAPIV3Schema: SchemaNode }).openAPIV3Schema)).toEqual([]);
  });
});

describe('validateApplicationSet', () => {
  it.each(readdirSync(examples).filter((f) => f.endsWith('.yaml')))('accepts %s', (file) => {
    expect(validateApplicationSet(load(file)).errors).toEqual([]);
  });

  it.each([
    ['spec.generator', [], 'spec.generator is not a known field'],
    ['spec.template.spec.sourc', {}, 'spec.template.spec.sourc is not a known field'],
    ['spec.generators', [{}], 'spec.generators[0] names no generator'],
    [
      'spec.generators',
      [{ list: { elements: [] }, selectr: {} }],
      'spec.generators[0].selectr is not a known field',
    ],
    ['spec.generators', [{ git: { repoURL: 'x' } }], 'spec.generators[0].git.revision is required'],
    [
      'spec.goTemplateOptions',
      ['missingkey=nope'],
      'spec.goTemplateOptions[0] "missingkey=nope" is not a text/template option',
    ],
    [
      'spec.syncPolicy',
      { applicationsSync: 'delete-all' },
      'spec.syncPolicy.applicationsSync must be one of create-only, create-update, create-delete, sync',
    ],
    [
      'spec.generators',
      [{ matrix: { generators: [{ matrix: { generators: [{ matrix: {} }] } }, { list: {} }] } }],
      'spec.generators[0].matrix.generators[0].matrix.generators[0].matrix is not a known field',
    ],
    ['spec.template.spec.destination', undefined, 'spec.template.spec.destination is required'],
  ])('reports %s', (path, value, message) => {
    expect(validateApplicationSet(withField(seed, path, value)).errors).toContainEqual(
      expect.stringContaining(message),
    );
  });

  it('checks identity', () => {
    expect(validateApplicationSet(withField(seed, 'kind', 'Application')).errors).toEqual([
      'kind must be ApplicationSet, got "Application"',
    ]);
    expect(validateApplicationSet('x').errors).toEqual(['an ApplicationSet must be an object']);
  });
});
