/**
 * The install order of kinds within one phase and wave, as gitops-engine takes it from Helm's
 * kind sorter: namespaces and policies first, then accounts, config, storage, CRDs, RBAC,
 * services, workloads, ingress. The group is not looked at. Unknown kinds (custom resources)
 * come after all of these.
 */
export const KIND_ORDER: readonly string[] = Object.freeze([
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
]);

const POSITION = new Map(KIND_ORDER.map((kind, index) => [kind, index]));

/** 0 for Namespace, rising along KIND_ORDER; KIND_ORDER.length for every unknown kind. */
export function kindOrder(kind: string): number {
  return POSITION.get(kind) ?? KIND_ORDER.length;
}
