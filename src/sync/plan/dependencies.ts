/**
 * Things must exist before what lives in them. Like gitops-engine, a Namespace (core group) that
 * would run later than some task placed in it moves up to that task's phase and wave, and so does
 * a CustomResourceDefinition for the first task of the group and kind it defines. Kind order then
 * puts it first within that wave. Prune tasks neither move nor pull.
 */
import { type KubeObject, groupOf } from '../../kube/object.js';
import { type SyncTask, compareSlots } from './order.js';

type KeyOf = (obj: KubeObject) => string | undefined;

const namespaceDependency: KeyOf = (obj) =>
  obj.kind === 'Namespace' && groupOf(obj.apiVersion) === '' ? (obj.metadata.name ?? '') : undefined;

const namespaceReference: KeyOf = (obj) => obj.metadata.namespace || undefined;

function stringAt(value: unknown, ...path: string[]): string | undefined {
  let node = value;
  for (const step of path) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[step] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

const crdDependency: KeyOf = (obj) => {
  if (obj.kind !== 'CustomResourceDefinition' || groupOf(obj.apiVersion) !== 'apiextensions.k8s.io') {
    return undefined;
  }
  const group = stringAt(obj, 'spec', 'group');
  const kind = stringAt(obj, 'spec', 'names', 'kind');
  return group === undefined || kind === undefined ? undefined : `${group}/${kind}`;
};

const crdReference: KeyOf = (obj) => `${groupOf(obj.apiVersion)}/${obj.kind}`;

function pullForward(tasks: SyncTask[], dependency: KeyOf, reference: KeyOf): SyncTask[] {
  const earliest = new Map<string, SyncTask>();
  for (const task of tasks) {
    if (task.action === 'prune' || dependency(task.object) !== undefined) continue;
    const key = reference(task.object);
    const seen = key === undefined ? undefined : earliest.get(key);
    if (key !== undefined && (seen === undefined || compareSlots(task, seen) < 0)) earliest.set(key, task);
  }
  return tasks.map((task) => {
    const key = task.action === 'prune' ? undefined : dependency(task.object);
    const first = key === undefined ? undefined : earliest.get(key);
    return first !== undefined && compareSlots(first, task) < 0
      ? { ...task, phase: first.phase, wave: first.wave }
      : task;
  });
}

/** The tasks with namespaces and CRDs moved no later than their first user (order unchanged). */
export function pullDependenciesForward(tasks: SyncTask[]): SyncTask[] {
  return pullForward(
    pullForward(tasks, namespaceDependency, namespaceReference),
    crdDependency,
    crdReference,
  );
}
