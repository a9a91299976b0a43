/**
 * Argo CD's ignoreDifferences: pick the rules that match an object, find the paths they
 * name on each side, and remove them from both sides before comparing. Every path is
 * resolved against the unmodified object first, then all are removed in one pass.
 */
import type { KubeObject, ManagedFieldsEntry } from '../kube/object.js';
import { groupOf } from '../kube/object.js';
import { InvalidIgnoreRuleError } from './errors.js';
import { parseJqPath, type JqStep } from './jq-parse.js';
import { resolveJqPath } from './jq-path.js';
import { parsePointer, resolvePointer } from './json-pointer.js';
import { ownedPaths, resolveFieldPath } from './managed-fields.js';
import { removePaths } from './remove.js';
import type { IgnoreDifferencesRule } from './types.js';
import type { PathSegment } from './values.js';

export interface CompiledRule {
  rule: IgnoreDifferencesRule;
  pointers: string[][];
  jq: JqStep[][];
  managers: string[];
}

interface Identity {
  group: string;
  kind: string;
  name: string;
  namespace: string;
}

function compileOne<T>(rule: IgnoreDifferencesRule, expression: string, parse: (e: string) => T): T {
  try {
    return parse(expression);
  } catch (cause) {
    throw new InvalidIgnoreRuleError(rule, expression, (cause as Error).message, { cause });
  }
}

/** Parses every expression of every rule; throws InvalidIgnoreRuleError on the first bad one. */
export function compileIgnoreRules(rules: readonly IgnoreDifferencesRule[]): CompiledRule[] {
  return rules.map((rule) => {
    if (typeof rule.kind !== 'string' || rule.kind === '') {
      throw new InvalidIgnoreRuleError(rule, '', 'kind is required (use "*" for every kind)');
    }
    return {
      rule,
      pointers: (rule.jsonPointers ?? []).map((p) => compileOne(rule, p, parsePointerNotRoot)),
      jq: (rule.jqPathExpressions ?? []).map((e) => compileOne(rule, e, parseJqPath)),
      managers: rule.managedFieldsManagers ?? [],
    };
  });
}

function parsePointerNotRoot(pointer: string): string[] {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new SyntaxError('the empty pointer would remove the whole object');
  return tokens;
}

/** Glob as Argo CD's group/kind matching uses it: `*` any run of characters, `?` one. */
export function globMatch(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}

export function ruleMatches(rule: IgnoreDifferencesRule, id: Identity): boolean {
  return (
    globMatch(rule.group ?? '', id.group) &&
    globMatch(rule.kind, id.kind) &&
    (!rule.name || rule.name === id.name) &&
    (!rule.namespace || rule.namespace === id.namespace)
  );
}

/** One identity for both sides, so a raw manifest without a namespace still matches. */
export function identityOf(desired: KubeObject | undefined, live: KubeObject | undefined): Identity {
  const first = live ?? desired;
  if (!first) return { group: '', kind: '', name: '', namespace: '' };
  const pick = (field: 'name' | 'namespace'): string =>
    live?.metadata[field] ?? desired?.metadata[field] ?? '';
  return {
    group: groupOf(first.apiVersion),
    kind: first.kind,
    name: pick('name'),
    namespace: pick('namespace'),
  };
}

function pathsIn(
  doc: KubeObject,
  rules: readonly CompiledRule[],
  managedFields: ManagedFieldsEntry[],
): PathSegment[][] {
  return rules
    .flatMap((r) => [
      ...r.pointers.map((tokens) => resolvePointer(doc, tokens)),
      ...r.jq.flatMap((steps) => resolveJqPath(doc, steps)),
      ...ownedPaths(managedFields, r.managers).map((owned) => resolveFieldPath(doc, owned)),
    ])
    .filter((p): p is PathSegment[] => p !== undefined);
}

/**
 * Mutates the (already normalized) sides. `liveManagedFields` comes from the raw live
 * object, because normalization strips managedFields.
 */
export function applyIgnoreRules(
  sides: { desired?: KubeObject; live?: KubeObject },
  liveManagedFields: ManagedFieldsEntry[],
  rules: readonly CompiledRule[],
): void {
  const id = identityOf(sides.desired, sides.live);
  const matched = rules.filter((r) => ruleMatches(r.rule, id));
  if (matched.length === 0) return;
  for (const doc of [sides.desired, sides.live]) {
    if (doc) removePaths(doc, pathsIn(doc, matched, liveManagedFields));
  }
}
