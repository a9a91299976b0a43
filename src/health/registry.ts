/**
 * Which built-in check applies to an object: a lookup on API group and kind (any version).
 * Flux kinds are matched by their group suffix. Kinds not listed here fall back to the
 * generic conditions check in resource.ts, or have no health at all.
 */
import { apiServiceHealth } from './apiservice.js';
import { applicationHealth, applicationSetHealth, workflowHealth } from './argo.js';
import { crdHealth } from './crd.js';
import { cronJobHealth } from './cronjob.js';
import { daemonSetHealth } from './daemonset.js';
import { deploymentHealth } from './deployment.js';
import { fluxHealth, isFluxGroup } from './flux.js';
import { hpaHealth } from './hpa.js';
import { ingressHealth } from './ingress.js';
import { jobHealth } from './job.js';
import { podHealth } from './pod.js';
import { pvcHealth } from './pvc.js';
import { replicaSetHealth } from './replicaset.js';
import { sealedSecretHealth } from './sealedsecret.js';
import { serviceHealth } from './service.js';
import { statefulSetHealth } from './statefulset.js';
import type { HealthCheck } from './types.js';

const builtins = new Map<string, HealthCheck>([
  ['apps/Deployment', deploymentHealth],
  ['extensions/Deployment', deploymentHealth],
  ['apps/StatefulSet', statefulSetHealth],
  ['apps/DaemonSet', daemonSetHealth],
  ['extensions/DaemonSet', daemonSetHealth],
  ['apps/ReplicaSet', replicaSetHealth],
  ['extensions/ReplicaSet', replicaSetHealth],
  ['/Pod', podHealth],
  ['/Service', serviceHealth],
  ['/PersistentVolumeClaim', pvcHealth],
  ['batch/Job', jobHealth],
  ['batch/CronJob', cronJobHealth],
  ['networking.k8s.io/Ingress', ingressHealth],
  ['extensions/Ingress', ingressHealth],
  ['autoscaling/HorizontalPodAutoscaler', hpaHealth],
  ['apiregistration.k8s.io/APIService', apiServiceHealth],
  ['apiextensions.k8s.io/CustomResourceDefinition', crdHealth],
  ['argoproj.io/Application', applicationHealth],
  ['argoproj.io/ApplicationSet', applicationSetHealth],
  ['argoproj.io/Workflow', workflowHealth],
  ['bitnami.com/SealedSecret', sealedSecretHealth],
]);

/** The built-in check for `group`/`kind`, or undefined when there is none. */
export function builtinCheck(group: string, kind: string): HealthCheck | undefined {
  return builtins.get(`${group}/${kind}`) ?? (isFluxGroup(group) ? fluxHealth : undefined);
}
