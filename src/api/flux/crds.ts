/**
 * CustomResourceDefinitions for the Flux source and Helm kinds under Flux's own names
 * (helmreleases.helm.toolkit.fluxcd.io, helmrepositories.source.toolkit.fluxcd.io, …), so
 * Flux manifests, `kubectl get hr` and the flux CLI's reads work unchanged. The schemas are
 * Ferry's (source-schema.ts, helmrelease-schema.ts).
 *
 * Every CRD has a status subresource, as Flux's do: spec changes bump metadata.generation,
 * status is written through /status and never bumps it.
 */
import type { KubeObject } from '../../kube/object.js';
import type { SchemaNode } from '../argo/schema.js';
import { HELM_GROUP, SOURCE_GROUP } from './common-types.js';
import { helmReleaseSchema } from './helmrelease-schema.js';
import {
  gitRepositorySchema,
  helmChartSchema,
  helmRepositorySchema,
  ociRepositorySchema,
} from './source-schema.js';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'date';
  jsonPath: string;
  priority?: number;
}

export interface CrdDefinition {
  group: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  /** Served versions; the first is the storage version. */
  versions: string[];
  schema: SchemaNode;
  columns: PrinterColumn[];
}

export const readyColumns: PrinterColumn[] = [
  { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message' },
];
const urlColumn: PrinterColumn = { name: 'URL', type: 'string', jsonPath: '.spec.url' };

/** A Flux-style CRD (status subresource, printer columns); also used by src/api/image. */
export function crd(def: CrdDefinition): KubeObject {
  const name = `${def.plural}.${def.group}`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'ferry' } },
    spec: {
      group: def.group,
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular: def.singular,
        shortNames: def.shortNames,
      },
      scope: 'Namespaced',
      versions: def.versions.map((version, i) => ({
        name: version,
        served: true,
        storage: i === 0,
        schema: { openAPIV3Schema: def.schema },
        subresources: { status: {} },
        additionalPrinterColumns: def.columns,
      })),
    },
  };
}

export function helmRepositoryCrd(): KubeObject {
  return crd({
    group: SOURCE_GROUP,
    kind: 'HelmRepository',
    plural: 'helmrepositories',
    singular: 'helmrepository',
    shortNames: ['helmrepo'],
    versions: ['v1'],
    schema: helmRepositorySchema(),
    columns: [urlColumn, ...readyColumns],
  });
}

export function gitRepositoryCrd(): KubeObject {
  return crd({
    group: SOURCE_GROUP,
    kind: 'GitRepository',
    plural: 'gitrepositories',
    singular: 'gitrepository',
    shortNames: ['gitrepo'],
    versions: ['v1'],
    schema: gitRepositorySchema(),
    columns: [urlColumn, ...readyColumns],
  });
}

export function ociRepositoryCrd(): KubeObject {
  return crd({
    group: SOURCE_GROUP,
    kind: 'OCIRepository',
    plural: 'ocirepositories',
    singular: 'ocirepository',
    shortNames: ['ocirepo'],
    versions: ['v1', 'v1beta2'],
    schema: ociRepositorySchema(),
    columns: [urlColumn, ...readyColumns],
  });
}

export function helmChartCrd(): KubeObject {
  return crd({
    group: SOURCE_GROUP,
    kind: 'HelmChart',
    plural: 'helmcharts',
    singular: 'helmchart',
    shortNames: ['hc'],
    versions: ['v1'],
    schema: helmChartSchema(),
    columns: [
      { name: 'Chart', type: 'string', jsonPath: '.spec.chart' },
      { name: 'Version', type: 'string', jsonPath: '.spec.version' },
      { name: 'Source Kind', type: 'string', jsonPath: '.spec.sourceRef.kind' },
      { name: 'Source Name', type: 'string', jsonPath: '.spec.sourceRef.name' },
      ...readyColumns,
    ],
  });
}

export function helmReleaseCrd(): KubeObject {
  return crd({
    group: HELM_GROUP,
    kind: 'HelmRelease',
    plural: 'helmreleases',
    singular: 'helmrelease',
    shortNames: ['hr'],
    versions: ['v2'],
    schema: helmReleaseSchema(),
    columns: readyColumns,
  });
}

/** The source and Helm CRDs, in the order to apply them. */
export function allFluxSourceAndHelmCrds(): KubeObject[] {
  return [helmRepositoryCrd(), gitRepositoryCrd(), ociRepositoryCrd(), helmChartCrd(), helmReleaseCrd()];
}
