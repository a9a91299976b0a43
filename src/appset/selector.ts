/**
 * Label selectors (matchLabels, matchExpressions with In, NotIn, Exists, DoesNotExist)
 * over string maps: cluster Secret labels for the cluster generator, flattened
 * parameters for a generator's post selector. An empty selector matches everything.
 */
import type { LabelSelector } from '../api/argo/index.js';

export type LabelMatcher = (labels: Readonly<Record<string, string>>) => boolean;

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kubernetes' IsQualifiedName: `[prefix/]name`, name at most 63 characters. */
export function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && NAME.test(name);
}

type Requirement = (labels: Readonly<Record<string, string>>) => boolean;

function requirement(key: string, operator: string, values: string[]): Requirement {
  if (!isQualifiedName(key))
    throw new SelectorError(`invalid label selector key "${key}": not a qualified name`);
  const has = (l: Readonly<Record<string, string>>): boolean => Object.hasOwn(l, key);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        throw new SelectorError(
          `label selector on "${key}": for 'in', 'notin' operators, values set can't be empty`,
        );
      return operator === 'In'
        ? (l) => has(l) && values.includes(l[key]!)
        : (l) => !has(l) || !values.includes(l[key]!);
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        throw new SelectorError(
          `label selector on "${key}": values set must be empty for exists and does not exist`,
        );
      return operator === 'Exists' ? has : (l) => !has(l);
    default:
      throw new SelectorError(`"${operator}" is not a valid pod selector operator`);
  }
}

export function compileSelector(selector: LabelSelector | undefined): LabelMatcher {
  const requirements: Requirement[] = [
    ...Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => requirement(k, 'In', [v])),
    ...(selector?.matchExpressions ?? []).map((e) => requirement(e.key, e.operator, e.values ?? [])),
  ];
  return (labels) => requirements.every((r) => r(labels));
}

export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return (
    Object.keys(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0
  );
}
