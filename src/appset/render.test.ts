import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTemplateEngine } from '../templates/go-engine.js';
import type { ApplicationSetTemplate } from '../api/argo/index.js';
import { appendValues, interpolateGenerator } from './interpolate.js';
import { applyTemplatePatch, renderApplication } from './render.js';
import { fast, go } from './testutil.js';

beforeAll(() => ensureGoTemplateEngine(), 600_000);

const template: ApplicationSetTemplate = {
  metadata: { name: '{{name}}', labels: { '{{name}}-label': 'x' }, annotations: { note: 'for {{ name }}' } },
  spec: {
    project: 'default',
    source: {
      repoURL: 'https://git/x',
      path: 'apps/{{name}}',
      helm: { valuesObject: { replicas: 2, host: '{{name}}.example.com' } },
    },
    destination: { server: '{{server}}', namespace: '{{name}}' },
    syncPolicy: { automated: { prune: true } },
  },
};
const options = { syntax: fast, namespace: 'argocd' };

describe('renderApplication', () => {
  it('templates every string and map key; numbers and booleans stay', () => {
    const app = renderApplication(template, { name: 'dev', server: 'https://dev' }, options);
    expect(app.metadata).toEqual({
      name: 'dev',
      namespace: 'argocd',
      labels: { 'dev-label': 'x' },
      annotations: { note: 'for dev' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    });
    expect(app.spec.source?.helm?.valuesObject).toEqual({ replicas: 2, host: 'dev.example.com' });
    expect(app.spec.syncPolicy).toEqual({ automated: { prune: true } });
  });

  it('keeps the template’s own finalizers, and adds none when resources are preserved', () => {
    const own = { ...template, metadata: { ...template.metadata, finalizers: ['x/y'] } };
    expect(renderApplication(own, { name: 'a' }, options).metadata.finalizers).toEqual(['x/y']);
    expect(
      renderApplication(template, { name: 'a' }, { ...options, preserveResourcesOnDeletion: true }).metadata
        .finalizers,
    ).toBeUndefined();
  });

  it('uses the template as it is for an empty parameter set (Argo CD)', () => {
    expect(renderApplication(template, {}, options).metadata.name).toBe('{{name}}');
  });

  it('always puts the Application in the ApplicationSet’s namespace', () => {
    const elsewhere = { ...template, metadata: { ...template.metadata, namespace: 'other' } };
    expect(renderApplication(elsewhere, { name: 'a' }, options).metadata.namespace).toBe('argocd');
  });
});

describe('templatePatch', () => {
  const app = renderApplication(template, { name: 'dev', server: 'https://dev' }, options);

  it('merges maps, replaces lists, adds finalizers, deletes with null, never changes the project', () => {
    const patched = applyTemplatePatch(
      app,
      'metadata:\n  finalizers: [extra]\n  annotations: {note: null}\nspec:\n  project: other\n  syncPolicy: {syncOptions: [CreateNamespace=true]}\n',
    );
    expect(patched.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io', 'extra']);
    expect(patched.metadata.annotations).toEqual({});
    expect(patched.spec.project).toBe('default');
    expect(patched.spec.syncPolicy).toEqual({
      automated: { prune: true },
      syncOptions: ['CreateNamespace=true'],
    });
  });

  it('accepts JSON and reports a patch that is not an object', () => {
    expect(applyTemplatePatch(app, '{"spec": {"revisionHistoryLimit": 3}}').spec.revisionHistoryLimit).toBe(
      3,
    );
    expect(() => applyTemplatePatch(app, '- a')).toThrow('invalid templatePatch');
  });

  it('is templated with the parameters (Go templates)', () => {
    const goTemplate = {
      metadata: { name: '{{ .name }}' },
      spec: {
        ...template.spec,
        source: { repoURL: 'https://git/x' },
        destination: { server: '{{ .server }}' },
      },
    };
    const rendered = renderApplication(
      goTemplate,
      { name: 'dev', server: 'https://dev', files: ['a.yaml', 'b.yaml'] },
      {
        ...options,
        syntax: go,
        templatePatch:
          'spec:\n  source:\n    helm:\n      valueFiles:\n      {{- range .files }}\n        - {{ . }}\n      {{- end }}\n',
      },
    );
    expect(rendered.spec.source?.helm?.valueFiles).toEqual(['a.yaml', 'b.yaml']);
  });
});

describe('parameters inside generators', () => {
  it('appends values, templated with the generator’s own parameters', () => {
    expect(appendValues({ name: 'dev' }, { url: 'https://{{name}}.example.com' }, fast)).toEqual({
      name: 'dev',
      'values.url': 'https://dev.example.com',
    });
    expect(appendValues({ name: 'dev' }, { url: '{{ .name }}' }, go)).toEqual({
      name: 'dev',
      values: { url: 'dev' },
    });
  });

  it('templates a matrix child with the first child’s parameters, leaving its own values keys for later', () => {
    const child = {
      clusters: { selector: { matchLabels: { env: '{{.env}}' } }, values: { a: '{{.env}}', b: '{{.name}}' } },
    };
    expect(interpolateGenerator(child, { env: 'prod' }, go)).toEqual({
      clusters: { selector: { matchLabels: { env: 'prod' } }, values: { a: 'prod', b: '{{.name}}' } },
    });
  });
});
