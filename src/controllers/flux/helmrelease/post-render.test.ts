import { describe, expect, it } from 'vitest';
import type { HelmRelease } from '../../../api/flux/index.js';
import { commonMetadataKustomization, kustomization, postRenderersDigest } from './post-render.js';

describe('post-renderers', () => {
  it('turn into a kustomization over the helm output', () => {
    expect(
      kustomization({
        patches: [
          { patch: '- op: add\n  path: /metadata/labels/x\n  value: y\n', target: { kind: 'Deployment' } },
        ],
        patchesStrategicMerge: [
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort' } },
        ],
        patchesJson6902: [
          { patch: [{ op: 'remove', path: '/spec/replicas' }], target: { kind: 'Deployment', name: 'd' } },
        ],
        images: [{ name: 'nginx', newTag: '1.27' }],
      }),
    ).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['helm-output.yaml'],
      patches: [
        { patch: '- op: add\n  path: /metadata/labels/x\n  value: y\n', target: { kind: 'Deployment' } },
        { patch: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n' },
        { patch: '- op: remove\n  path: /spec/replicas\n', target: { kind: 'Deployment', name: 'd' } },
      ],
      images: [{ name: 'nginx', newTag: '1.27' }],
    });
  });

  it('have a digest only when there are some', () => {
    const hr = (postRenderers?: HelmRelease['spec']['postRenderers']): HelmRelease => ({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'a' },
      spec: { interval: '1m', ...(postRenderers ? { postRenderers } : {}) },
    });
    expect(postRenderersDigest(hr())).toBeUndefined();
    expect(postRenderersDigest(hr([{ kustomize: { images: [{ name: 'a', newTag: '1' }] } }]))).toMatch(
      /^sha256:/,
    );
  });

  it('apply commonMetadata without touching selectors', () => {
    expect(commonMetadataKustomization({ labels: { team: 'a' }, annotations: { owner: 'b' } })).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['helm-output.yaml'],
      labels: [{ pairs: { team: 'a' }, includeSelectors: false, includeTemplates: false }],
      commonAnnotations: { owner: 'b' },
    });
    expect(commonMetadataKustomization({})).toBeUndefined();
  });
});
