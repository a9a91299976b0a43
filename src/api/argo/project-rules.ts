/**
 * AppProject rules a schema cannot express, after Argo CD's AppProject.ValidateProject: no
 * duplicate or deny-everything (`!*`) entries, well-formed role names and policies, and sync
 * windows Argo CD could schedule.
 */
import { parseGoDuration } from './duration.js';
import { isRecord } from './schema-walk.js';

const ROLE_NAME = /^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const RESOURCES = ['applications', 'applicationsets', 'repositories', 'clusters', 'logs', 'exec'];
const ACTIONS = ['get', 'create', 'update', 'delete', 'sync', 'override', '*'];
const ACTION_PATTERN = /^(action|update|delete)\/.*$/;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const records = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.filter(isRecord) : [];
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Paths of entries whose key was already seen, as `<path>[i] <message>`. */
function duplicates(keys: string[], path: string, what: string): string[] {
  const seen = new Set<string>();
  return keys.flatMap((key, i) => {
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [`${path}[${i}] repeats ${what} ${JSON.stringify(key)}`];
  });
}

function sourceRepoErrors(spec: Record<string, unknown>): string[] {
  const repos = strings(spec.sourceRepos);
  const denyAll = repos.flatMap((repo, i) =>
    repo === '!*' ? [`spec.sourceRepos[${i}] "!*" would deny every repository`] : [],
  );
  return [...denyAll, ...duplicates(repos, 'spec.sourceRepos', 'repository')];
}

function destinationErrors(spec: Record<string, unknown>): string[] {
  const destinations = records(spec.destinations);
  const denyAll = destinations.flatMap((dest, i) =>
    (['server', 'name', 'namespace'] as const)
      .filter((field) => dest[field] === '!*')
      .map((field) => `spec.destinations[${i}].${field} "!*" would deny every destination`),
  );
  const keys = destinations.map((d) => `${text(d.server)}/${text(d.name)}/${text(d.namespace)}`);
  return [...denyAll, ...duplicates(keys, 'spec.destinations', 'destination')];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What is wrong with one role policy line, after Argo CD's validatePolicy. */
function policyError(project: string, role: string, policy: string): string | undefined {
  const parts = policy.split(',').map((part) => part.trim());
  if (parts.length !== 6 || parts[0] !== 'p') {
    return 'must be of the form "p, <subject>, <resource>, <action>, <object>, <effect>"';
  }
  const [, subject = '', resource = '', action = '', object = '', effect = ''] = parts;
  const objectForm = new RegExp(`^${escapeRegExp(project)}(/[*\\w.-]+)?/[*\\w.-]+$`);
  const checks: Array<[boolean, string]> = [
    [subject !== `proj:${project}:${role}`, `must have the subject "proj:${project}:${role}"`],
    [!RESOURCES.includes(resource), `has resource "${resource}", not one of ${RESOURCES.join(', ')}`],
    [!ACTIONS.includes(action) && !ACTION_PATTERN.test(action), `has an unknown action "${action}"`],
    [!objectForm.test(object), `must have an object of the form "${project}[/<namespace>]/<application>"`],
    [effect !== 'allow' && effect !== 'deny', 'must end with the effect allow or deny'],
  ];
  return checks.find(([failed]) => failed)?.[1];
}

function roleErrors(project: string, spec: Record<string, unknown>): string[] {
  const roles = records(spec.roles);
  const each = roles.flatMap((role, i) => {
    const name = text(role.name);
    const path = `spec.roles[${i}]`;
    if (!ROLE_NAME.test(name)) {
      return [
        `${path}.name "${name}" must be letters, digits, '-' or '_', starting and ending with a letter or digit`,
      ];
    }
    return strings(role.policies).flatMap((policy, j) => {
      const error = policyError(project, name, policy);
      return error === undefined ? [] : [`${path}.policies[${j}] "${policy}" ${error}`];
    });
  });
  return [
    ...each,
    ...duplicates(
      roles.map((r) => text(r.name)),
      'spec.roles',
      'role',
    ),
  ];
}

function windowErrors(window: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  if (window.kind !== 'allow' && window.kind !== 'deny') errors.push(`${path}.kind must be allow or deny`);
  if (text(window.schedule).trim().split(/\s+/).length !== 5) {
    errors.push(`${path}.schedule "${text(window.schedule)}" is not a five-field cron expression`);
  }
  if (parseGoDuration(text(window.duration)) === undefined) {
    errors.push(`${path}.duration "${text(window.duration)}" is not a duration`);
  }
  const targets = ['applications', 'namespaces', 'clusters'].some((key) => strings(window[key]).length > 0);
  if (!targets) errors.push(`${path}: one of applications, namespaces or clusters is required`);
  return errors;
}

function syncWindowErrors(spec: Record<string, unknown>): string[] {
  const windows = records(spec.syncWindows);
  const each = windows.flatMap((window, i) => windowErrors(window, `spec.syncWindows[${i}]`));
  const keys = windows.map((w) => `${text(w.kind)} ${text(w.schedule)} ${text(w.duration)}`);
  return [...each, ...duplicates(keys, 'spec.syncWindows', 'window')];
}

/** Errors in an AppProject's spec beyond what the schema checks. */
export function projectRuleErrors(project: Record<string, unknown>): string[] {
  if (!isRecord(project.spec)) return [];
  const name = isRecord(project.metadata) ? text(project.metadata.name) : '';
  const spec = project.spec;
  return [
    ...sourceRepoErrors(spec),
    ...destinationErrors(spec),
    ...roleErrors(name, spec),
    ...syncWindowErrors(spec),
  ];
}
