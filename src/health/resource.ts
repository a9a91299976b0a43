/**
 * The entry point: the health of one object. In order, as gitops-engine does it:
 *   1. an object being deleted is Progressing ("Pending deletion"), unless it is a hook
 *      held by Argo CD's hook finalizer;
 *   2. a custom check for its group/kind (see custom.ts), if one matches and decides;
 *   3. the built-in check for its group/kind (see registry.ts);
 *   4. the generic kstatus-style conditions check (see conditions.ts);
 *   5. otherwise undefined: the kind has no notion of health.
 * A check that throws never escapes: the result is Unknown with the error as message.
 */
import { groupOf, type KubeObject } from '../kube/object.js';
import { conditionsHealth } from './conditions.js';
import { customCheckFor, runCustomCheck } from './custom.js';
import { builtinCheck } from './registry.js';
import { health, type HealthOptions, type HealthResult } from './types.js';

export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

export function resourceHealth(obj: KubeObject, options: HealthOptions = {}): HealthResult | undefined {
  try {
    return assess(obj, options);
  } catch (err) {
    return { status: 'Unknown', message: errorMessage(err) };
  }
}

function assess(obj: KubeObject, options: HealthOptions): HealthResult | undefined {
  const deletion = pendingDeletion(obj);
  if (deletion) return deletion;
  const group = groupOf(obj.apiVersion);
  const custom = customCheckFor(options.customChecks ?? [], group, obj.kind);
  const decided = custom && runCustomCheck(custom, obj);
  if (decided) return decided;
  const builtin = builtinCheck(group, obj.kind);
  return builtin ? builtin(obj) : conditionsHealth(obj);
}

function pendingDeletion(obj: KubeObject): HealthResult | undefined {
  if (!obj.metadata.deletionTimestamp) return undefined;
  const finalizers = obj.metadata.finalizers ?? [];
  if (finalizers.includes(HOOK_FINALIZER)) return undefined;
  if (finalizers.length === 0) return health('Progressing', 'Pending deletion');
  return health('Progressing', `Pending deletion; blocked by finalizers: ${finalizers.join(', ')}`);
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
