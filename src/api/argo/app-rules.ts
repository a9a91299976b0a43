/**
 * Application rules a schema cannot express, each taken from Argo CD's own validation
 * (util/argo: validateSourcePermissions, ValidateDestination, ExplicitType) unless noted.
 * They read the parsed object defensively: a field of the wrong type is the schema check's to
 * report, and is skipped here.
 */
import { parseBackoffDuration } from './duration.js';
import { isRecord } from './schema-walk.js';
import { syncOptionErrors } from './sync-options.js';

const TOOLS = ['helm', 'kustomize', 'directory', 'plugin'] as const;
const REF_NAME = /^[a-zA-Z0-9_-]+$/;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** At most one renderer block per source ("multiple application sources defined" in Argo CD). */
function toolErrors(source: Record<string, unknown>, path: string): string[] {
  const tools = TOOLS.filter((tool) => isRecord(source[tool]));
  if (tools.length <= 1) return [];
  return [`${path}: only one of helm, kustomize, directory or plugin may be set, found ${tools.join(', ')}`];
}

function sourceErrors(source: Record<string, unknown>, path: string, multi: boolean): string[] {
  const errors: string[] = [];
  const hasRef = multi && text(source.ref) !== '';
  if (text(source.path) === '' && text(source.chart) === '' && !hasRef) {
    errors.push(`${path}: one of ${multi ? 'path, chart or ref' : 'path or chart'} is required`);
  }
  if (text(source.chart) !== '' && text(source.targetRevision) === '') {
    errors.push(`${path}.targetRevision is required when ${path}.chart is set`);
  }
  if (multi && typeof source.ref === 'string' && source.ref !== '' && !REF_NAME.test(source.ref)) {
    errors.push(`${path}.ref "${source.ref}" may contain only letters, digits, '_' and '-'`);
  }
  return [...errors, ...toolErrors(source, path)];
}

function duplicateRefErrors(sources: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  return sources.flatMap((source, i) => {
    const ref = text(source.ref);
    if (ref === '') return [];
    if (!seen.has(ref)) {
      seen.add(ref);
      return [];
    }
    return [`spec.sources[${i}].ref "${ref}" is already used by another source`];
  });
}

function sourcesErrors(spec: Record<string, unknown>): string[] {
  const source = isRecord(spec.source) ? spec.source : undefined;
  const sources = Array.isArray(spec.sources) ? spec.sources.filter(isRecord) : [];
  // Argo CD silently prefers `sources`; Ferry asks for one, so the intent is never ambiguous.
  if (source !== undefined && sources.length > 0)
    return ['spec.source: set either source or sources, not both'];
  if (source !== undefined) return sourceErrors(source, 'spec.source', false);
  if (sources.length > 0) {
    const each = sources.flatMap((s, i) => sourceErrors(s, `spec.sources[${i}]`, true));
    return [...each, ...duplicateRefErrors(sources)];
  }
  if (spec.sourceHydrator !== undefined && spec.sourceHydrator !== null) return [];
  return ['spec.source: one of source, sources or sourceHydrator is required'];
}

function destinationErrors(spec: Record<string, unknown>): string[] {
  if (!isRecord(spec.destination)) return [];
  const server = text(spec.destination.server);
  const name = text(spec.destination.name);
  if (server === '' && name === '') return ['spec.destination: one of server or name is required'];
  if (server !== '' && name !== '') return ['spec.destination: set either server or name, not both'];
  return [];
}

function retryErrors(retry: unknown, path: string): string[] {
  if (!isRecord(retry) || !isRecord(retry.backoff)) return [];
  const backoff = retry.backoff;
  return (['duration', 'maxDuration'] as const).flatMap((field) => {
    const value = backoff[field];
    if (typeof value !== 'string' || parseBackoffDuration(value) !== undefined) return [];
    return [`${path}.backoff.${field} "${value}" is not a duration`];
  });
}

function syncPolicyErrors(spec: Record<string, unknown>): string[] {
  if (!isRecord(spec.syncPolicy)) return [];
  const policy = spec.syncPolicy;
  return [
    ...syncOptionErrors(policy.syncOptions, 'spec.syncPolicy.syncOptions'),
    ...retryErrors(policy.retry, 'spec.syncPolicy.retry'),
  ];
}

function operationErrors(operation: unknown): string[] {
  if (!isRecord(operation)) return [];
  const sync = isRecord(operation.sync) ? operation.sync : {};
  return [
    ...syncOptionErrors(sync.syncOptions, 'operation.sync.syncOptions'),
    ...retryErrors(operation.retry, 'operation.retry'),
  ];
}

/** Errors in an Application's spec and operation beyond what the schema checks. */
export function applicationRuleErrors(app: Record<string, unknown>): string[] {
  const spec = isRecord(app.spec) ? app.spec : undefined;
  const specErrors =
    spec === undefined ? [] : [...sourcesErrors(spec), ...destinationErrors(spec), ...syncPolicyErrors(spec)];
  return [...specErrors, ...operationErrors(app.operation)];
}
