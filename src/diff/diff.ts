/**
 * diffObject: the one entry that wires the pieces together, in this order:
 * normalize both sides → apply ignoreDifferences → mask Secrets → compare.
 * Masking before comparing is safe: equal values get equal masks, different values
 * different masks, so the outcome is the same and no change ever carries a real value.
 */
import type { KubeObject, ManagedFieldsEntry } from '../kube/object.js';
import { compareFull } from './compare.js';
import { applyIgnoreRules, compileIgnoreRules } from './ignore.js';
import { normalize } from './normalize.js';
import { redactSecrets } from './redact.js';
import { compareSubset } from './subset.js';
import type { DiffOptions, DiffResult, IgnoreDifferencesRule } from './types.js';

/** Throws InvalidIgnoreRuleError for the first unusable rule; call it when loading an Application. */
export function validateIgnoreRules(rules: readonly IgnoreDifferencesRule[]): void {
  compileIgnoreRules(rules);
}

function oneSided(desired: KubeObject | undefined, live: KubeObject | undefined): DiffResult {
  if (desired) return { equal: false, changes: [{ path: '', kind: 'added', desired }], desired };
  if (live) return { equal: false, changes: [{ path: '', kind: 'removed', live }], live };
  return { equal: true, changes: [] };
}

/**
 * Compares what Git wants with what the cluster has. `desired` should be the
 * server-side-apply dry-run result (mode 'full'); with a raw manifest use mode
 * 'desired-subset'. A missing side makes the result unequal, with one change at "".
 * Throws InvalidIgnoreRuleError when a rule cannot be parsed, whether or not it matches.
 */
export function diffObject(
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
  options: DiffOptions = {},
): DiffResult {
  const rules = compileIgnoreRules(options.ignoreDifferences ?? []);
  const sides = { desired: desired && normalize(desired), live: live && normalize(live) };
  const managedFields: ManagedFieldsEntry[] = Array.isArray(live?.metadata.managedFields)
    ? live.metadata.managedFields
    : [];
  applyIgnoreRules(sides, managedFields, rules);
  const masked = redactSecrets(sides.desired, sides.live);
  if (!masked.desired || !masked.live) return oneSided(masked.desired, masked.live);
  if (options.mode === 'desired-subset') {
    const { changes, live: projected } = compareSubset(masked.desired, masked.live);
    // the projection keeps apiVersion, kind and metadata: desired always sets them
    return { equal: changes.length === 0, changes, desired: masked.desired, live: projected as KubeObject };
  }
  const changes = compareFull(masked.desired, masked.live);
  return { equal: changes.length === 0, changes, desired: masked.desired, live: masked.live };
}
