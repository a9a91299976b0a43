/**
 * Flux's rules a structural schema cannot express (kubebuilder patterns, CEL rules and
 * length limits in Flux's CRDs), each reported with its field path.
 */
import { isRecord } from '../argo/schema-walk.js';

/** Flux's duration pattern (metav1.Duration fields): `^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$`. */
export const FLUX_DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

type Obj = Record<string, unknown>;

const at = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), obj);

function durationErrors(obj: Obj, paths: string[]): string[] {
  return paths.flatMap((path) => {
    const value = at(obj, path);
    if (value === undefined || value === null || (typeof value === 'string' && FLUX_DURATION.test(value)))
      return [];
    return [`${path} must be a duration such as "30s", "5m" or "1h", got ${JSON.stringify(value)}`];
  });
}

function patternError(path: string, value: unknown, pattern: RegExp, what: string): string[] {
  if (typeof value !== 'string' || pattern.test(value)) return [];
  return [`${path} must be ${what}, got ${JSON.stringify(value)}`];
}

function lengthError(path: string, value: unknown, max: number): string[] {
  if (typeof value !== 'string') return [];
  if (value.length === 0) return [`${path} must not be empty`];
  return value.length > max ? [`${path} must be at most ${max} characters, got ${value.length}`] : [];
}

const ACTIONS = ['install', 'upgrade', 'test', 'rollback', 'uninstall'];

function valuesFromErrors(obj: Obj): string[] {
  const refs = at(obj, 'spec.valuesFrom');
  if (!Array.isArray(refs)) return [];
  return refs.flatMap((ref: unknown, i) => {
    if (!isRecord(ref)) return [];
    const path = `spec.valuesFrom[${i}]`;
    return [
      ...patternError(
        `${path}.valuesKey`,
        ref.valuesKey,
        /^[-._a-zA-Z0-9]{1,253}$/,
        'a data key ([-._a-zA-Z0-9])',
      ),
      ...patternError(
        `${path}.targetPath`,
        ref.targetPath,
        /^([a-zA-Z0-9_\-.\\/]|\[[0-9]{1,5}\]){1,250}$/,
        'a dot path such as "image.tag" or "list[0].name"',
      ),
    ];
  });
}

export function helmReleaseRuleErrors(obj: Obj): string[] {
  const hasChart = isRecord(at(obj, 'spec.chart'));
  const hasChartRef = isRecord(at(obj, 'spec.chartRef'));
  const errors: string[] = [];
  if (hasChart === hasChartRef) errors.push('spec: either chart or chartRef must be set');
  if (hasChart && !at(obj, 'spec.chart.spec.sourceRef.kind'))
    errors.push('spec.chart.spec.sourceRef.kind is required');
  const maxHistory = at(obj, 'spec.maxHistory');
  if (typeof maxHistory === 'number' && maxHistory < 0) errors.push('spec.maxHistory must not be negative');
  return [
    ...errors,
    ...durationErrors(obj, [
      'spec.interval',
      'spec.timeout',
      'spec.chart.spec.interval',
      ...ACTIONS.map((a) => `spec.${a}.timeout`),
    ]),
    ...lengthError('spec.releaseName', at(obj, 'spec.releaseName'), 53),
    ...lengthError('spec.targetNamespace', at(obj, 'spec.targetNamespace'), 63),
    ...lengthError('spec.storageNamespace', at(obj, 'spec.storageNamespace'), 63),
    ...valuesFromErrors(obj),
  ];
}

export function helmRepositoryRuleErrors(obj: Obj): string[] {
  const oci = at(obj, 'spec.type') === 'oci';
  const url = at(obj, 'spec.url');
  const scheme = oci ? /^oci:\/\/./ : /^https?:\/\/./;
  return [
    ...patternError(
      'spec.url',
      url,
      scheme,
      oci ? 'an oci:// URL (spec.type is oci)' : 'an http:// or https:// URL',
    ),
    ...durationErrors(obj, ['spec.interval', 'spec.timeout']),
  ];
}

export function gitRepositoryRuleErrors(obj: Obj): string[] {
  return [
    ...patternError(
      'spec.url',
      at(obj, 'spec.url'),
      /^(http|https|ssh):\/\/./,
      'an http(s):// or ssh:// URL',
    ),
    ...durationErrors(obj, ['spec.interval', 'spec.timeout']),
  ];
}

export function ociRepositoryRuleErrors(obj: Obj): string[] {
  return [
    ...patternError('spec.url', at(obj, 'spec.url'), /^oci:\/\/./, 'an oci:// URL'),
    ...durationErrors(obj, ['spec.interval', 'spec.timeout']),
  ];
}

export function helmChartRuleErrors(obj: Obj): string[] {
  return durationErrors(obj, ['spec.interval']);
}
