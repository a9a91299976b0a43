import { describe, expect, it } from 'vitest';
import { KIND_ORDER, kindOrder } from './kind-order.js';

describe('kindOrder', () => {
  it('follows the Helm / gitops-engine install order', () => {
    const installOrder = [
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
    ];
    expect(KIND_ORDER).toEqual(installOrder);
    expect(installOrder.map(kindOrder)).toEqual(installOrder.map((_, i) => i));
  });

  it.each([
    ['Namespace', 'Deployment'],
    ['CustomResourceDefinition', 'ClusterRole'],
    ['ConfigMap', 'Deployment'],
    ['Service', 'Deployment'],
    ['IngressClass', 'Ingress'],
    ['APIService', 'Widget'],
  ])('%s before %s', (first, second) => {
    expect(kindOrder(first)).toBeLessThan(kindOrder(second));
  });

  it('puts every unknown kind last, together', () => {
    expect(kindOrder('Widget')).toBe(KIND_ORDER.length);
    expect(kindOrder('Application')).toBe(kindOrder('Widget'));
    expect(kindOrder('namespace')).toBe(KIND_ORDER.length);
  });
});
