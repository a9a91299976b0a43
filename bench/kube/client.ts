/**
 * The harness's own view of the cluster: Ferry's REST client, with every request the
 * harness sends counted by the apiserver's verb names, so phases can subtract them
 * from the apiserver's counts. Reads are watches (one LIST and one WATCH each).
 */
import { Cluster } from '../../src/kube/cluster.js';
import type { KubeObject } from '../../src/kube/object.js';
import type { ApiEndpoint } from './metrics.js';

export class BenchKube {
  /** Requests this harness sent, by apiserver verb (APPLY, LIST, WATCH, PATCH, …). */
  readonly own: Record<string, number> = {};

  private constructor(
    readonly cluster: Cluster,
    readonly endpoint: ApiEndpoint,
    readonly kubeconfig: string,
  ) {}

  static async connect(kubeconfig: string, endpoint: ApiEndpoint): Promise<BenchKube> {
    const cluster = await Cluster.fromFile('bench', kubeconfig);
    // Discovery once, up front, so no phase window holds the harness's discovery requests.
    for (const [apiVersion, kind] of warmKinds)
      await cluster.resourceFor(apiVersion, kind).catch(() => undefined);
    return new BenchKube(cluster, endpoint, kubeconfig);
  }

  count(verb: string, n = 1): void {
    this.own[verb] = (this.own[verb] ?? 0) + n;
  }

  /** A copy of the counts so far, to diff around a phase. */
  snapshot(): Record<string, number> {
    return { ...this.own };
  }

  ownSince(before: Record<string, number>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [verb, n] of Object.entries(this.own)) {
      const d = n - (before[verb] ?? 0);
      if (d > 0) out[verb] = d;
    }
    return out;
  }

  async apply(obj: KubeObject): Promise<KubeObject> {
    this.count('APPLY');
    return this.cluster.apply(obj);
  }

  async mergePatch(obj: KubeObject, patch: unknown): Promise<void> {
    this.count('PATCH');
    await this.cluster.mergePatch(
      {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name ?? '',
      },
      patch,
    );
  }

  async get(ref: {
    apiVersion: string;
    kind: string;
    namespace?: string;
    name: string;
  }): Promise<KubeObject | undefined> {
    this.count('GET');
    return this.cluster.get(ref);
  }

  /** Forgets discovered kinds (after CRDs were installed by someone else). */
  async rediscover(kinds: Array<[string, string]>): Promise<void> {
    this.cluster.discovery.invalidate();
    for (const [apiVersion, kind] of kinds) await this.cluster.resourceFor(apiVersion, kind);
  }
}

const warmKinds: Array<[string, string]> = [
  ['v1', 'Namespace'],
  ['v1', 'Secret'],
  ['v1', 'ConfigMap'],
  ['apps/v1', 'Deployment'],
  ['argoproj.io/v1alpha1', 'Application'],
];
