/** Builders for the diff tests: small, valid objects with just the fields a case needs. */
import type { KubeObject, ManagedFieldsEntry } from '../kube/object.js';

export function deployment(
  spec: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'guestbook', namespace: 'default', ...meta },
    spec: {
      replicas: 1,
      template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
      ...spec,
    },
  };
}

/** What the API server adds on top of `obj`: status and the server-owned metadata. */
export function asLive(obj: KubeObject, managedFields: ManagedFieldsEntry[] = []): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      uid: '0d7c6f4e-8a1b-4c57-9a3e-2f1d5b6c7e8f',
      resourceVersion: '4711',
      generation: 3,
      creationTimestamp: '2025-01-01T00:00:00Z',
      managedFields,
    },
    status: { observedGeneration: 3, replicas: 1 },
  };
}

export function secret(fields: {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db', namespace: 'default' },
    type: 'Opaque',
    ...fields,
  };
}

export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
