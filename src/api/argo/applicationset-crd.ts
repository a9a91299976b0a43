/**
 * The ApplicationSet CustomResourceDefinition under Argo CD's own name
 * (applicationsets.argoproj.io, short names appset/appsets), with Ferry's schema
 * (applicationset-schema.ts). Unlike Application, Argo CD's ApplicationSet CRD has a status
 * subresource, and so does this one: the controller writes status through /status.
 */
import type { KubeObject } from '../../kube/object.js';
import { ARGO_GROUP } from './application-types.js';
import { applicationSetSchema } from './applicationset-schema.js';

export function applicationSetCrd(): KubeObject {
  const name = `applicationsets.${ARGO_GROUP}`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'ferry' } },
    spec: {
      group: ARGO_GROUP,
      names: {
        kind: 'ApplicationSet',
        listKind: 'ApplicationSetList',
        plural: 'applicationsets',
        singular: 'applicationset',
        shortNames: ['appset', 'appsets'],
      },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: applicationSetSchema() },
          subresources: { status: {} },
        },
      ],
    },
  };
}
