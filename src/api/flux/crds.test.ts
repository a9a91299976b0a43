import { describe, expect, it } from 'vitest';
import { structuralIssues } from '../argo/structural.js';
import type { SchemaNode } from '../argo/schema.js';
import type { KubeObject } from '../../kube/object.js';
import { allFluxSourceAndHelmCrds, helmChartCrd, helmReleaseCrd, ociRepositoryCrd } from './crds.js';

interface Version {
  name: string;
  storage: boolean;
  schema: { openAPIV3Schema: SchemaNode };
  subresources?: { status?: object };
  additionalPrinterColumns?: Array<{ name: string; jsonPath: string }>;
}
const versions = (crd: KubeObject): Version[] => (crd.spec as { versions: Version[] }).versions;

describe('Flux CRDs', () => {
  it.each([
    ['helmrepositories.source.toolkit.fluxcd.io', 'HelmRepository', ['helmrepo']],
    ['gitrepositories.source.toolkit.fluxcd.io', 'GitRepository', ['gitrepo']],
    ['ocirepositories.source.toolkit.fluxcd.io', 'OCIRepository', ['ocirepo']],
    ['helmcharts.source.toolkit.fluxcd.io', 'HelmChart', ['hc']],
    ['helmreleases.helm.toolkit.fluxcd.io', 'HelmRelease', ['hr']],
  ])('%s keeps Flux names', (name, kind, shortNames) => {
    const crd = allFluxSourceAndHelmCrds().find((c) => c.metadata.name === name)!;
    expect(crd.spec).toMatchObject({
      scope: 'Namespaced',
      names: { kind, shortNames, listKind: `${kind}List` },
    });
  });

  it('has a status subresource and a structural schema on every version', () => {
    for (const crd of allFluxSourceAndHelmCrds()) {
      for (const v of versions(crd)) {
        expect(v.subresources).toEqual({ status: {} });
        expect(structuralIssues(v.schema.openAPIV3Schema)).toEqual([]);
        expect(v.schema.openAPIV3Schema.properties?.status?.['x-kubernetes-preserve-unknown-fields']).toBe(
          true,
        );
      }
    }
  });

  it('serves OCIRepository as v1 (stored) and v1beta2', () => {
    expect(versions(ociRepositoryCrd()).map((v) => [v.name, v.storage])).toEqual([
      ['v1', true],
      ['v1beta2', false],
    ]);
  });

  it('prints the columns Flux prints', () => {
    expect(versions(helmReleaseCrd())[0]!.additionalPrinterColumns!.map((c) => c.name)).toEqual([
      'Age',
      'Ready',
      'Status',
    ]);
    expect(versions(helmChartCrd())[0]!.additionalPrinterColumns!.map((c) => c.name)).toEqual([
      'Chart',
      'Version',
      'Source Kind',
      'Source Name',
      'Age',
      'Ready',
      'Status',
    ]);
  });

  it('serializes to JSON unchanged', () => {
    for (const crd of allFluxSourceAndHelmCrds()) expect(JSON.parse(JSON.stringify(crd))).toEqual(crd);
  });
});
