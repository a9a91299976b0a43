/**
 * Where a HelmRelease's release goes: the cluster Ferry runs against, or the cluster in
 * the kubeconfig Secret `spec.kubeConfig.secretRef` names (key `value`, else `value.yaml`,
 * or the one given), as Flux reads it. helm gets that kubeconfig as a private file
 * (0600, in a folder of Ferry's own, removed on stop); Ferry reads Helm's storage through
 * the same cluster.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { HelmRelease } from '../../../api/flux/index.js';
import { Cluster } from '../../../kube/cluster.js';
import { readSecret } from '../secrets.js';

export interface Destination {
  cluster: Cluster;
  kubeconfig: string;
}

export class Destinations {
  private readonly dir = mkdtempSync(join(tmpdir(), 'ferry-kubeconfig-'));
  private readonly byContent = new Map<string, Promise<Destination>>();
  private homeDestination: Destination | undefined;

  constructor(private readonly home: Cluster) {}

  forHome(): Destination {
    this.homeDestination ??= {
      cluster: this.home,
      kubeconfig: this.write('home', this.home.kubeConfig.exportConfig()),
    };
    return this.homeDestination;
  }

  forHelmRelease(hr: HelmRelease): Promise<Destination> {
    return this.forKubeConfig(hr.metadata.namespace ?? 'default', hr.spec.kubeConfig?.secretRef);
  }

  /** The cluster of a `kubeConfig.secretRef` in `namespace` (HelmRelease, Kustomization); home without one. */
  async forKubeConfig(
    namespace: string,
    ref: { name: string; key?: string } | undefined,
  ): Promise<Destination> {
    if (!ref) return this.forHome();
    const data = await readSecret(this.home, namespace, ref.name);
    const content = ref.key ? data[ref.key] : (data.value ?? data['value.yaml']);
    if (!content) {
      throw new Error(
        `secret '${ref.name}' has no kubeconfig under key '${ref.key ?? 'value'}'${ref.key ? '' : " or 'value.yaml'"}`,
      );
    }
    const key = createHash('sha256').update(content).digest('hex').slice(0, 16);
    let destination = this.byContent.get(key);
    if (!destination) {
      const kubeconfig = this.write(key, content);
      const kc = new KubeConfig();
      kc.loadFromString(content);
      destination = Cluster.fromKubeConfig(ref.name, kc).then((cluster) => ({ cluster, kubeconfig }));
      destination.catch(() => this.byContent.delete(key));
      this.byContent.set(key, destination);
    }
    return destination;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private write(name: string, content: string): string {
    const file = join(this.dir, `${name}.kubeconfig`);
    writeFileSync(file, content, { mode: 0o600 });
    return file;
  }
}
