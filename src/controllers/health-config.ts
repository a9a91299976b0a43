/**
 * Custom health checks from the `argocd-cm` ConfigMap, keys
 * `ferry.customizations.health.<group>_<kind>` (core group: `_<kind>` is written `<kind>`),
 * each a YAML document `{ rules: [{ when, status, message? }], default? }` in the
 * expression language of src/health/README.md. Argo CD's Lua keys
 * (`resource.customizations.health.*`) are not read: Ferry does not run Lua.
 * Invalid checks are logged and skipped; re-read at most every few seconds.
 */
import { parse } from 'yaml';
import type { Cluster } from '../kube/cluster.js';
import { validateCustomChecks, type CustomHealthCheck } from '../health/index.js';
import type { Logger } from '../util/log.js';

export const healthKeyPrefix = 'ferry.customizations.health.';

/** Parses the ConfigMap's data into checks; returns the problems of the invalid ones. */
export function parseHealthChecks(data: Record<string, string>): {
  checks: CustomHealthCheck[];
  problems: string[];
} {
  const checks: CustomHealthCheck[] = [];
  const problems: string[] = [];
  for (const [key, text] of Object.entries(data)) {
    if (!key.startsWith(healthKeyPrefix)) continue;
    const target = key.slice(healthKeyPrefix.length);
    const sep = target.lastIndexOf('_');
    const group = sep < 0 ? '' : target.slice(0, sep);
    const kind = sep < 0 ? target : target.slice(sep + 1);
    try {
      const body = parse(text) as Omit<CustomHealthCheck, 'group' | 'kind'>;
      const check = {
        group,
        kind,
        rules: body.rules ?? [],
        ...(body.default ? { default: body.default } : {}),
      };
      const issues = validateCustomChecks([check]);
      if (issues.length) problems.push(`${key}: ${issues.join('; ')}`);
      else checks.push(check);
    } catch (err) {
      problems.push(`${key}: ${(err as Error).message}`);
    }
  }
  return { checks, problems };
}

export class HealthCheckConfig {
  private cached: { at: number; checks: Promise<CustomHealthCheck[]> } | undefined;

  constructor(
    private readonly home: Cluster,
    private readonly namespace: string,
    private readonly log: Logger,
    private readonly ttlMs = 5000,
  ) {}

  checks(): Promise<CustomHealthCheck[]> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      this.cached = { at: Date.now(), checks: this.load() };
    }
    return this.cached.checks;
  }

  private async load(): Promise<CustomHealthCheck[]> {
    const cm = await this.home
      .get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: this.namespace, name: 'argocd-cm' })
      .catch(() => undefined);
    const { checks, problems } = parseHealthChecks((cm?.data ?? {}) as Record<string, string>);
    for (const p of problems) this.log.warn('invalid custom health check, ignored', { problem: p });
    return checks;
  }
}
