/**
 * The Flux dialect of the workload: one HelmRepository (the bed's chart repository)
 * and one HelmRelease per release, all in one namespace, each installing into its own
 * target namespace (created by helm-controller).
 */
import type { KubeObject } from '../../src/kube/object.js';
import { CHART_NAME, CHART_VERSION, type Release } from '../workload/apps.js';

export const HELM_RELEASE = 'helm.toolkit.fluxcd.io/v2';
export const SOURCE = 'source.toolkit.fluxcd.io/v1';

export function helmRepository(namespace: string, url: string): KubeObject {
  return {
    apiVersion: SOURCE,
    kind: 'HelmRepository',
    metadata: { name: 'bench', namespace },
    spec: { url, interval: '10m' },
  };
}

export function helmRelease(release: Release, namespace: string): KubeObject {
  return {
    apiVersion: HELM_RELEASE,
    kind: 'HelmRelease',
    metadata: { name: release.name, namespace },
    spec: {
      interval: '10m',
      releaseName: release.name,
      targetNamespace: release.namespace,
      install: { createNamespace: true },
      chart: {
        spec: {
          chart: CHART_NAME,
          version: CHART_VERSION,
          sourceRef: { kind: 'HelmRepository', name: 'bench' },
          interval: '10m',
        },
      },
      values: release.values,
    },
  };
}
