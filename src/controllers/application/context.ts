/** What one reconcile knows once the app is rendered and compared; passed between its steps. */
import type { Application } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { Comparison } from '../../engine/compare.js';
import type { AppEvents } from './events.js';
import type { RenderedApp } from './sources.js';

export interface AppContext {
  app: Application;
  events: AppEvents;
  /** The destination cluster. */
  cluster: Cluster;
  rendered: RenderedApp;
  comparison: Comparison;
}

export type ManagedKind = { apiVersion: string; kind: string };

/** The destination cluster and the kinds this app manages there, for live watches. */
export function watchOf({ cluster, comparison }: AppContext): { cluster: Cluster; kinds: ManagedKind[] } {
  return { cluster, kinds: kindsOf(comparison) };
}

function kindsOf(comparison: Comparison): ManagedKind[] {
  const seen = new Map<string, ManagedKind>();
  for (const r of comparison.resources)
    seen.set(`${r.ref.apiVersion}/${r.ref.kind}`, { apiVersion: r.ref.apiVersion, kind: r.ref.kind });
  return [...seen.values()];
}

/** A revision as events show it: commit SHAs shortened to 7 characters. */
export function short(revision: string): string {
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}
