/**
 * CustomResourceDefinitions for Application and AppProject under Argo CD's own names
 * (applications.argoproj.io, appprojects.argoproj.io), so Argo CD manifests and tools such as
 * `kubectl get apps` work unchanged. The schemas are Ferry's, built from application-schema.ts
 * and appproject-schema.ts.
 *
 * Neither CRD declares a status subresource. Argo CD's do not either: its controller writes
 * status (and clears `operation`) with ordinary updates and patches of the whole object, and
 * tools written for Argo CD rely on that, so Ferry keeps it the same.
 */
import type { KubeObject } from '../../kube/object.js';
import { ARGO_GROUP } from './application-types.js';
import { applicationSchema } from './application-schema.js';
import { appProjectSchema } from './appproject-schema.js';
import type { SchemaNode } from './schema.js';

interface PrinterColumn {
  name: string;
  type: 'string';
  jsonPath: string;
  priority?: number;
}

interface CrdNames {
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
}

function crd(names: CrdNames, schema: SchemaNode, columns: PrinterColumn[]): KubeObject {
  const name = `${names.plural}.${ARGO_GROUP}`;
  const version: Record<string, unknown> = {
    name: 'v1alpha1',
    served: true,
    storage: true,
    schema: { openAPIV3Schema: schema },
  };
  if (columns.length > 0) version.additionalPrinterColumns = columns;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'ferry' } },
    spec: {
      group: ARGO_GROUP,
      names: { ...names, listKind: `${names.kind}List` },
      scope: 'Namespaced',
      versions: [version],
    },
  };
}

export function applicationCrd(): KubeObject {
  return crd(
    { kind: 'Application', plural: 'applications', singular: 'application', shortNames: ['app', 'apps'] },
    applicationSchema(),
    [
      { name: 'Sync Status', type: 'string', jsonPath: '.status.sync.status' },
      { name: 'Health Status', type: 'string', jsonPath: '.status.health.status' },
      { name: 'Revision', type: 'string', jsonPath: '.status.sync.revision', priority: 10 },
      { name: 'Project', type: 'string', jsonPath: '.spec.project', priority: 10 },
    ],
  );
}

export function appProjectCrd(): KubeObject {
  return crd(
    {
      kind: 'AppProject',
      plural: 'appprojects',
      singular: 'appproject',
      shortNames: ['appproj', 'appprojs'],
    },
    appProjectSchema(),
    [],
  );
}

/** Both CRDs, in the order to apply them. */
export function allArgoCrds(): KubeObject[] {
  return [appProjectCrd(), applicationCrd()];
}
