import { describe, expect, it } from 'vitest';
import { imageUpdateAutomationCrd, imageUpdateAutomationErrors } from './index.js';

/** The seed's ImageUpdateAutomation. */
const seed = (): Record<string, unknown> => ({
  apiVersion: 'image.toolkit.fluxcd.io/v1beta2',
  kind: 'ImageUpdateAutomation',
  metadata: { name: 'my-app' },
  spec: {
    interval: '1m',
    sourceRef: { kind: 'GitRepository', name: 'gitops-repo' },
    git: {
      commit: {
        author: { name: 'flux', email: 'flux@example.com' },
        messageTemplate: 'chore: update my-app to {{ .NewTag }}',
      },
      push: { branch: 'main' },
    },
    update: { path: './apps/my-app', strategy: 'Setters' },
  },
});

const withSpec = (spec: Record<string, unknown>): Record<string, unknown> => {
  const obj = seed();
  obj.spec = { ...(obj.spec as object), ...spec };
  return obj;
};

describe('imageUpdateAutomationErrors', () => {
  it('accepts the seed, in v1beta2 and v1', () => {
    expect(imageUpdateAutomationErrors(seed())).toEqual([]);
    expect(imageUpdateAutomationErrors({ ...seed(), apiVersion: 'image.toolkit.fluxcd.io/v1' })).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(imageUpdateAutomationErrors(withSpec({ interval: 'soon' }))).toEqual([
      'spec.interval "soon" is not a duration such as 1m',
    ]);
    expect(
      imageUpdateAutomationErrors(withSpec({ update: { path: '../elsewhere', strategy: 'Setters' } })),
    ).toEqual(['spec.update.path "../elsewhere" must stay inside the repository (relative, no "..")']);
    expect(imageUpdateAutomationErrors(withSpec({ update: { strategy: 'Other' } })).join()).toContain(
      'spec.update.strategy',
    );
    expect(
      imageUpdateAutomationErrors(withSpec({ sourceRef: { kind: 'Bucket', name: 'b' } })).join(),
    ).toContain('spec.sourceRef.kind');
    const forced = withSpec({
      git: { commit: { author: { email: 'a@b' } }, push: { refspec: '+HEAD:main' } },
    });
    expect(imageUpdateAutomationErrors(forced)).toEqual([
      'spec.git.push.refspec must not force the push (leading "+")',
    ]);
    expect(
      imageUpdateAutomationErrors({ ...seed(), apiVersion: 'image.toolkit.fluxcd.io/v1alpha1' })[0],
    ).toMatch(/^apiVersion must be/);
  });
});

describe('imageUpdateAutomationCrd', () => {
  it("is Flux's CRD name, v1 stored and v1beta2 served, with a status subresource", () => {
    const crd = imageUpdateAutomationCrd() as unknown as {
      metadata: { name: string };
      spec: { versions: Array<{ name: string; storage: boolean; subresources: unknown }> };
    };
    expect(crd.metadata.name).toBe('imageupdateautomations.image.toolkit.fluxcd.io');
    expect(crd.spec.versions.map((v) => [v.name, v.storage, v.subresources])).toEqual([
      ['v1', true, { status: {} }],
      ['v1beta2', false, { status: {} }],
    ]);
  });
});
