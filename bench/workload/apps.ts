/**
 * The benchmark's workload: N copies of the example chart (Deployment, Service,
 * ConfigMap, ServiceAccount), each release in its own namespace with its own values.
 * Every contender installs exactly these releases; only the namespace prefix differs.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/util/paths.js';

export const CHART_NAME = 'my-app';
export const CHART_VERSION = '1.2.0';

const headless = new Map<string, string>();

/**
 * examples/charts/my-app with one line added: `clusterIP: None` on its Service. The
 * bed's apiserver has a /24 service range (254 ClusterIPs) and every contender keeps
 * its N Services, so ClusterIPs run out near N=50 with all peers, and N=1000 could
 * never fit; a headless Service costs the same API requests without an IP. Made once
 * under `parent` (the run's scratch folder).
 */
export function chartDir(parent: string): string {
  const made = headless.get(parent);
  if (made) return made;
  const dir = join(mkdtempSync(join(parent, 'chart-')), CHART_NAME);
  cpSync(join(projectRoot(), 'examples', 'charts', CHART_NAME), dir, { recursive: true });
  const service = join(dir, 'templates', 'service.yaml');
  const text = readFileSync(service, 'utf8');
  if (!/^spec:\n/m.test(text)) throw new Error(`unexpected ${service}: no "spec:" line`);
  writeFileSync(service, text.replace(/^spec:\n/m, 'spec:\n  clusterIP: None\n'));
  headless.set(parent, dir);
  return dir;
}

export interface Release {
  index: number;
  /** Release (and Application) name. */
  name: string;
  namespace: string;
  values: Record<string, unknown>;
}

function pad(i: number): string {
  return String(i).padStart(4, '0');
}

/** The N releases of one contender; `prefix` keeps contenders in fresh namespaces. */
export function releases(n: number, prefix: string): Release[] {
  return Array.from({ length: n }, (_, k) => {
    const index = k + 1;
    return {
      index,
      name: `app-${pad(index)}`,
      namespace: `${prefix}-${pad(index)}`,
      values: {
        replicaCount: 1,
        image: { tag: CHART_VERSION },
        env: { LOG_LEVEL: 'info', APP_INDEX: String(index) },
      },
    };
  });
}

/** The name the chart gives the release's objects (its "fullname" helper). */
export function fullname(release: string): string {
  return release.includes(CHART_NAME) ? release : `${release}-${CHART_NAME}`;
}

/** Objects in namespaces with this prefix belong to one contender. */
export function inPrefix(prefix: string): (obj: { metadata: { namespace?: string } }) => boolean {
  return (obj) => (obj.metadata.namespace ?? '').startsWith(`${prefix}-`);
}
