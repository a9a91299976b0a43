/**
 * User-defined health checks (the counterpart of Argo CD's Lua health scripts), written in
 * the small expression language of ./expr (see README.md). A check applies to its
 * group/kind, taking precedence over the built-in check; an exact match wins over a `*`
 * pattern, and among equals the first listed wins.
 */
import type { KubeObject } from '../kube/object.js';
import { compileExpression } from './expr/compile.js';
import { evaluate, truthy } from './expr/evaluate.js';
import { checkTemplate, renderTemplate } from './expr/template.js';
import { health, isHealthStatus, type CustomHealthCheck, type HealthResult } from './types.js';

/** The check for `group`/`kind`: exact names first, then `*` patterns. */
export function customCheckFor(
  checks: readonly CustomHealthCheck[],
  group: string,
  kind: string,
): CustomHealthCheck | undefined {
  return (
    checks.find((c) => c.group === group && c.kind === kind) ??
    checks.find((c) => globMatch(c.group, group) && globMatch(c.kind, kind))
  );
}

/**
 * The status of the first rule whose `when` holds, else the check's default, else
 * undefined (the built-in check decides). Throws on a bad expression or status; the
 * caller reports that as Unknown.
 */
export function runCustomCheck(check: CustomHealthCheck, obj: KubeObject): HealthResult | undefined {
  for (const [i, rule] of check.rules.entries()) {
    const where = `custom health check ${check.group}/${check.kind} rule ${i + 1}`;
    const matched = withContext(where, () => truthy(evaluate(compileExpression(rule.when), obj)));
    if (!matched) continue;
    if (!isHealthStatus(rule.status))
      throw new Error(`${where}: unknown status ${JSON.stringify(rule.status)}`);
    const message =
      rule.message === undefined
        ? undefined
        : withContext(where, () => renderTemplate(rule.message ?? '', obj));
    return health(rule.status, message);
  }
  if (check.default === undefined) return undefined;
  if (!isHealthStatus(check.default)) {
    throw new Error(
      `custom health check ${check.group}/${check.kind}: unknown default status ${JSON.stringify(check.default)}`,
    );
  }
  return health(check.default);
}

/** Every problem in `checks` (bad expressions, templates or statuses), for loading config early. */
export function validateCustomChecks(checks: readonly CustomHealthCheck[]): string[] {
  const problems: string[] = [];
  for (const check of checks) {
    const name = `custom health check ${check.group}/${check.kind}`;
    if (check.default !== undefined && !isHealthStatus(check.default)) {
      problems.push(`${name}: unknown default status ${JSON.stringify(check.default)}`);
    }
    check.rules.forEach((rule, i) => problems.push(...ruleProblems(rule, `${name} rule ${i + 1}`)));
  }
  return problems;
}

function ruleProblems(rule: CustomHealthCheck['rules'][number], where: string): string[] {
  const problems: string[] = [];
  if (!isHealthStatus(rule.status)) problems.push(`${where}: unknown status ${JSON.stringify(rule.status)}`);
  const attempts: Array<() => void> = [() => compileExpression(rule.when)];
  if (rule.message !== undefined) attempts.push(() => checkTemplate(rule.message ?? ''));
  for (const attempt of attempts) {
    try {
      attempt();
    } catch (err) {
      problems.push(`${where}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return problems;
}

function withContext<T>(where: string, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw new Error(`${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** `*` matches any run of characters; everything else is literal. */
export function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(value);
}
