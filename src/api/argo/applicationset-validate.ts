/**
 * Validation of an ApplicationSet as read from Git or the cluster: identity, the schema the
 * CRD carries (unknown, missing and mistyped fields with their paths), and rules a schema
 * cannot express: every generator names one, nested matrix/merge hold terminal generators,
 * goTemplateOptions are options text/template knows.
 */
import { ARGO_API_VERSION } from './application-types.js';
import type { ApplicationSet } from './applicationset-types.js';
import { applicationSetSchema } from './applicationset-schema.js';
import { isRecord, schemaIssues } from './schema-walk.js';
import { arr, obj, strList, type SchemaNode } from './schema.js';

const SCHEMA = applicationSetSchema();
const GENERATOR_KINDS = [
  'list',
  'clusters',
  'git',
  'matrix',
  'merge',
  'scmProvider',
  'clusterDecisionResource',
  'pullRequest',
  'plugin',
  'oci',
];
const TERMINAL = SCHEMA.properties?.spec?.properties?.generators?.items?.properties ?? {};
const NESTED_MATRIX = obj({ generators: arr(terminalGenerator()) }, ['generators']);
const NESTED_MERGE = obj({ generators: arr(terminalGenerator()), mergeKeys: strList() }, [
  'generators',
  'mergeKeys',
]);

/** A generator inside a nested matrix or merge: anything but matrix and merge. */
function terminalGenerator(): SchemaNode {
  const { matrix: _matrix, merge: _merge, ...terminal } = TERMINAL;
  return obj(terminal);
}

function identityErrors(o: Record<string, unknown>): string[] {
  const errors: string[] = [];
  if (o.apiVersion !== ARGO_API_VERSION)
    errors.push(`apiVersion must be ${ARGO_API_VERSION}, got ${JSON.stringify(o.apiVersion ?? null)}`);
  if (o.kind !== 'ApplicationSet')
    errors.push(`kind must be ApplicationSet, got ${JSON.stringify(o.kind ?? null)}`);
  const meta = isRecord(o.metadata) ? o.metadata : {};
  if (typeof meta.name !== 'string' || meta.name === '') errors.push('metadata.name is required');
  return errors;
}

function generatorErrors(generator: unknown, path: string, nested: boolean): string[] {
  if (!isRecord(generator)) return [];
  const kinds = GENERATOR_KINDS.filter((k) => generator[k] !== undefined && generator[k] !== null);
  if (kinds.length === 0) return [`${path} names no generator (one of ${GENERATOR_KINDS.join(', ')})`];
  const errors: string[] = [];
  for (const kind of ['matrix', 'merge'] as const) {
    const value = generator[kind];
    if (!isRecord(value)) continue;
    if (nested)
      errors.push(
        ...schemaIssues(kind === 'matrix' ? NESTED_MATRIX : NESTED_MERGE, value, `${path}.${kind}`),
      );
    const children: unknown[] = Array.isArray(value.generators) ? value.generators : [];
    children.forEach((child, i) =>
      errors.push(...generatorErrors(child, `${path}.${kind}.generators[${i}]`, true)),
    );
  }
  return errors;
}

function ruleErrors(o: Record<string, unknown>): string[] {
  const spec = isRecord(o.spec) ? o.spec : {};
  const generators: unknown[] = Array.isArray(spec.generators) ? spec.generators : [];
  const errors = generators.flatMap((g, i) => generatorErrors(g, `spec.generators[${i}]`, false));
  const options: unknown[] = Array.isArray(spec.goTemplateOptions) ? spec.goTemplateOptions : [];
  options.forEach((option, i) => {
    if (typeof option === 'string' && !/^missingkey=(default|invalid|zero|error)$/.test(option))
      errors.push(
        `spec.goTemplateOptions[${i}] "${option}" is not a text/template option (missingkey=default|invalid|zero|error)`,
      );
  });
  return errors;
}

/** The ApplicationSet with no errors, or the errors (with field paths) that keep `obj` from being one. */
export function validateApplicationSet(value: unknown): { appSet?: ApplicationSet; errors: string[] } {
  if (!isRecord(value)) return { errors: ['an ApplicationSet must be an object'] };
  const errors = [
    ...new Set([...identityErrors(value), ...schemaIssues(SCHEMA, value), ...ruleErrors(value)]),
  ];
  return errors.length > 0 ? { errors } : { appSet: value as ApplicationSet, errors };
}
