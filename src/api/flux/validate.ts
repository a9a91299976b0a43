/**
 * Validation of Flux objects as read from Git or the cluster: the schema the CRDs carry
 * (unknown fields, required fields, types) and then Flux's own rules (rules.ts). Every
 * message names the field path it is about.
 */
import { isRecord, schemaIssues } from '../argo/schema-walk.js';
import type { SchemaNode } from '../argo/schema.js';
import { HELM_API_VERSION, SOURCE_GROUP } from './common-types.js';
import { helmReleaseSchema } from './helmrelease-schema.js';
import type { HelmRelease } from './helmrelease-types.js';
import { kustomizationRuleErrors } from './kustomization-rules.js';
import { kustomizationSchema } from './kustomization-schema.js';
import { KUSTOMIZE_API_VERSION, type Kustomization } from './kustomization-types.js';
import {
  gitRepositoryRuleErrors,
  helmChartRuleErrors,
  helmReleaseRuleErrors,
  helmRepositoryRuleErrors,
  ociRepositoryRuleErrors,
} from './rules.js';
import {
  gitRepositorySchema,
  helmChartSchema,
  helmRepositorySchema,
  ociRepositorySchema,
} from './source-schema.js';
import type { GitRepository, HelmChart, HelmRepository, OCIRepository } from './source-types.js';

type Rules = (obj: Record<string, unknown>) => string[];

interface KindRules {
  apiVersions: string[];
  schema: SchemaNode;
  rules: Rules;
}

const KINDS: Record<string, KindRules> = {
  HelmRelease: { apiVersions: [HELM_API_VERSION], schema: helmReleaseSchema(), rules: helmReleaseRuleErrors },
  HelmRepository: {
    apiVersions: [`${SOURCE_GROUP}/v1`],
    schema: helmRepositorySchema(),
    rules: helmRepositoryRuleErrors,
  },
  GitRepository: {
    apiVersions: [`${SOURCE_GROUP}/v1`],
    schema: gitRepositorySchema(),
    rules: gitRepositoryRuleErrors,
  },
  OCIRepository: {
    apiVersions: [`${SOURCE_GROUP}/v1`, `${SOURCE_GROUP}/v1beta2`],
    schema: ociRepositorySchema(),
    rules: ociRepositoryRuleErrors,
  },
  HelmChart: { apiVersions: [`${SOURCE_GROUP}/v1`], schema: helmChartSchema(), rules: helmChartRuleErrors },
  Kustomization: {
    apiVersions: [KUSTOMIZE_API_VERSION],
    schema: kustomizationSchema(),
    rules: kustomizationRuleErrors,
  },
};

/** Every problem with `obj` as a Flux object of `kind`; empty when it is valid. */
export function fluxObjectErrors(obj: unknown, kind: keyof typeof KINDS): string[] {
  const rules = KINDS[kind];
  if (!rules) return [`${kind} is not a Flux kind Ferry reads`];
  if (!isRecord(obj)) return [`a ${kind} must be an object`];
  const errors: string[] = [];
  if (typeof obj.apiVersion !== 'string' || !rules.apiVersions.includes(obj.apiVersion)) {
    errors.push(
      `apiVersion must be ${rules.apiVersions.join(' or ')}, got ${JSON.stringify(obj.apiVersion ?? null)}`,
    );
  }
  if (obj.kind !== kind) errors.push(`kind must be ${kind}, got ${JSON.stringify(obj.kind ?? null)}`);
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  if (typeof meta.name !== 'string' || meta.name === '') errors.push('metadata.name is required');
  const schema = schemaIssues(rules.schema, obj);
  // Rules read fields the schema vouched for; skip them while the shape itself is wrong.
  return [...new Set([...errors, ...schema, ...(schema.length ? [] : rules.rules(obj))])];
}

function validator<T>(kind: keyof typeof KINDS) {
  return (obj: unknown): { value?: T; errors: string[] } => {
    const errors = fluxObjectErrors(obj, kind);
    return errors.length ? { errors } : { value: obj as T, errors };
  };
}

export const validateHelmRelease = validator<HelmRelease>('HelmRelease');
export const validateHelmRepository = validator<HelmRepository>('HelmRepository');
export const validateGitRepository = validator<GitRepository>('GitRepository');
export const validateOCIRepository = validator<OCIRepository>('OCIRepository');
export const validateHelmChart = validator<HelmChart>('HelmChart');
export const validateKustomization = validator<Kustomization>('Kustomization');
