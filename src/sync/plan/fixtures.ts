/**
 * Builders for the tests of this folder: small Kubernetes objects with just the fields the
 * planner reads.
 */
import type { KubeObject } from '../../kube/object.js';

export interface ObjectShape {
  apiVersion?: string;
  namespace?: string;
  annotations?: Record<string, string>;
  /** Leave the name out and set generateName instead. */
  generateName?: string;
  spec?: Record<string, unknown>;
}

const API_VERSIONS = new Map<string, string>([
  ['Deployment', 'apps/v1'],
  ['StatefulSet', 'apps/v1'],
  ['DaemonSet', 'apps/v1'],
  ['Job', 'batch/v1'],
  ['CronJob', 'batch/v1'],
  ['CustomResourceDefinition', 'apiextensions.k8s.io/v1'],
  ['Role', 'rbac.authorization.k8s.io/v1'],
  ['RoleBinding', 'rbac.authorization.k8s.io/v1'],
  ['ClusterRole', 'rbac.authorization.k8s.io/v1'],
  ['Ingress', 'networking.k8s.io/v1'],
]);

export function kube(kind: string, name: string, shape: ObjectShape = {}): KubeObject {
  const metadata: KubeObject['metadata'] = shape.generateName
    ? { generateName: shape.generateName }
    : { name };
  if (shape.namespace !== undefined) metadata.namespace = shape.namespace;
  if (shape.annotations !== undefined) metadata.annotations = shape.annotations;
  const obj: KubeObject = { apiVersion: shape.apiVersion ?? API_VERSIONS.get(kind) ?? 'v1', kind, metadata };
  if (shape.spec !== undefined) obj.spec = shape.spec;
  return obj;
}

/** An object with only annotations, for the annotation readers. */
export function annotated(annotations: Record<string, string> = {}): KubeObject {
  return kube('Pod', 'p', { namespace: 'ns', annotations });
}

/** What `fn` throws, or undefined when it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
