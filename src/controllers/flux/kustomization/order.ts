/**
 * The order Flux applies a build in (fluxcd/pkg/ssa ApplyAllStaged): cluster definitions
 * first — CustomResourceDefinitions, Namespaces, ClusterRoles — then class objects
 * (StorageClass, PriorityClass, RuntimeClass, IngressClass, …), then everything else; each
 * stage waits for the previous one, and within a stage objects go in kind order.
 */
import type { KubeObject } from '../../../kube/object.js';
import { kindOrder } from '../../../sync/plan/kind-order.js';

const DEFINITIONS = new Set(['CustomResourceDefinition', 'Namespace', 'ClusterRole']);

/** 0: definitions, 1: class objects, 2: the rest. */
export function stageOf(obj: KubeObject): number {
  if (DEFINITIONS.has(obj.kind)) return 0;
  return obj.kind.endsWith('Class') ? 1 : 2;
}

function compare(a: KubeObject, b: KubeObject): number {
  return (
    kindOrder(a.kind) - kindOrder(b.kind) ||
    a.kind.localeCompare(b.kind) ||
    (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  );
}

/** The objects in apply stages (empty stages left out), each stage sorted. */
export function applyStages(objects: KubeObject[]): KubeObject[][] {
  const stages: KubeObject[][] = [[], [], []];
  for (const obj of objects) stages[stageOf(obj)]!.push(obj);
  return stages.filter((s) => s.length > 0).map((s) => [...s].sort(compare));
}

/** Prune order: the reverse of apply order, so workloads go before their Namespace and CRDs last. */
export function pruneOrder<T extends { kind: string }>(items: T[]): T[] {
  const stage = (kind: string): number => (DEFINITIONS.has(kind) ? 0 : kind.endsWith('Class') ? 1 : 2);
  return [...items].sort((a, b) => stage(b.kind) - stage(a.kind) || kindOrder(b.kind) - kindOrder(a.kind));
}
