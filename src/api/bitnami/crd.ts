/**
 * The SealedSecret CustomResourceDefinition under Bitnami's own name (sealedsecrets.bitnami.com),
 * so kubeseal output, `kubectl get sealedsecrets` and Argo CD's health check for it work
 * unchanged. The schema follows the sealed-secrets CRD, with one tightening: every
 * `encryptedData` value must be a string (the upstream CRD preserves anything there and the
 * controller then drops the whole map), so a malformed file fails at `kubectl apply`.
 */
import type { KubeObject } from '../../kube/object.js';
import { bool, int, mapOf, obj, str, time, arr, freeform, type SchemaNode } from '../argo/schema.js';
import { BITNAMI_GROUP, SEALED_SECRET_KIND } from './types.js';

/** OpenAPI `nullable`, which the shared SchemaNode type does not declare. */
function nullable(node: SchemaNode): SchemaNode {
  return Object.assign(node, { nullable: true });
}

function templateSchema(): SchemaNode {
  return obj(
    {
      metadata: nullable(freeform('Labels and annotations (and any other metadata) of the Secret')),
      type: str('The Secret type, e.g. Opaque or kubernetes.io/dockerconfigjson'),
      immutable: bool('Whether the created Secret is immutable'),
      data: nullable(mapOf(nullable(str()), 'Keys rendered as Go templates over the decrypted values')),
    },
    undefined,
    'What the created Secret looks like, apart from its decrypted data',
  );
}

function conditionSchema(): SchemaNode {
  return obj(
    {
      type: str('Synced'),
      status: str('True, False or Unknown'),
      lastUpdateTime: time(),
      lastTransitionTime: time(),
      reason: str(),
      message: str(),
    },
    ['type', 'status'],
  );
}

export function sealedSecretSchema(): SchemaNode {
  return obj(
    {
      apiVersion: str(),
      kind: str(),
      metadata: { type: 'object' },
      spec: obj(
        {
          encryptedData: mapOf(str(), 'base64 of the hybrid (RSA-OAEP + AES-GCM) ciphertext of each key'),
          template: templateSchema(),
          data: { ...str('Deprecated whole-Secret ciphertext; use encryptedData'), format: 'byte' },
        },
        ['encryptedData'],
      ),
      status: obj({ observedGeneration: int(), conditions: arr(conditionSchema()) }),
    },
    ['spec'],
    'A Secret encrypted for one cluster; only that cluster can decrypt it',
  );
}

export const SEALED_SECRET_CRD_NAME = `sealedsecrets.${BITNAMI_GROUP}`;

export function sealedSecretCrd(): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: SEALED_SECRET_CRD_NAME,
      labels: { 'app.kubernetes.io/name': SEALED_SECRET_CRD_NAME, 'app.kubernetes.io/part-of': 'ferry' },
    },
    spec: {
      group: BITNAMI_GROUP,
      names: {
        kind: SEALED_SECRET_KIND,
        listKind: `${SEALED_SECRET_KIND}List`,
        plural: 'sealedsecrets',
        singular: 'sealedsecret',
      },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: sealedSecretSchema() },
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Status', type: 'string', jsonPath: '.status.conditions[0].message' },
            { name: 'Synced', type: 'string', jsonPath: '.status.conditions[0].status' },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
        },
      ],
    },
  };
}
