/**
 * The Provider and Alert CRDs under Flux's names (providers/alerts.notification.toolkit.fluxcd.io,
 * version v1beta3), so Flux manifests and `kubectl get alerts` work unchanged.
 */
import type { KubeObject } from '../../kube/object.js';
import { arr, bool, obj, str, strList, strMap, type SchemaNode } from '../argo/schema.js';
import { localRef, objectSchema } from '../flux/common-schema.js';
import { NOTIFICATION_GROUP } from './types.js';

function providerSchema(): SchemaNode {
  const spec = obj(
    {
      type: str('generic, generic-hmac, slack, … (Ferry delivers generic, generic-hmac and slack)'),
      interval: str('Deprecated in Flux; ignored'),
      channel: str(),
      username: str(),
      address: str('Webhook URL; the Secret key `address` overrides it'),
      timeout: str('Go duration, default 15s'),
      proxy: str(),
      secretRef: localRef('Secret with `address`, `token` and `headers`'),
      certSecretRef: localRef(),
      suspend: bool(),
    },
    ['type'],
  );
  return objectSchema(spec, 'A Flux notification Provider: where alerts are sent');
}

function alertSchema(): SchemaNode {
  const source = obj(
    {
      apiVersion: str(),
      kind: str('HelmRelease, Kustomization, GitRepository, …'),
      name: str('Object name; `*` for every object'),
      namespace: str(),
      matchLabels: strMap(),
    },
    ['kind', 'name'],
  );
  const spec = obj(
    {
      providerRef: localRef(),
      eventSeverity: { type: 'string', enum: ['info', 'error'] },
      eventSources: arr(source),
      inclusionList: strList(),
      exclusionList: strList(),
      eventMetadata: strMap(),
      summary: str(),
      suspend: bool(),
    },
    ['providerRef', 'eventSources'],
  );
  return objectSchema(spec, 'A Flux notification Alert: which events go to which Provider');
}

function crd(kind: string, plural: string, schema: SchemaNode): KubeObject {
  const name = `${plural}.${NOTIFICATION_GROUP}`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'ferry' } },
    spec: {
      group: NOTIFICATION_GROUP,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1beta3',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: schema },
          subresources: { status: {} },
          additionalPrinterColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
        },
      ],
    },
  };
}

export function notificationCrds(): KubeObject[] {
  return [crd('Provider', 'providers', providerSchema()), crd('Alert', 'alerts', alertSchema())];
}
