/**
 * The benchmark's workload: N copies of the example chart (Deployment, Service,
 * ConfigMap, ServiceAccount), each release in its own namespace with its own values.
 * Every contender installs exactly these releases; only the namespace prefix differs.
 */
import { join } from 'node:path';
import { projectRoot } from '../../src/util/paths.js';

export const CHART_NAME = 'my-app';
export const CHART_VERSION = '1.2.0';

/** The example chart, unchanged: every contender installs exactly this folder. */
export function chartDir(): string {
  return join(projectRoot(), 'examples', 'charts', CHART_NAME);
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
