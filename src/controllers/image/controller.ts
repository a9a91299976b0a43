/**
 * The image reflector controller set: ImageRepository and ImagePolicy KindControllers
 * sharing one registry client and tag store. A repository's new scan result (or a change
 * of its Ready condition) queues the policies that reference it; deleting it forgets its tags.
 */
import { IMAGE_API_VERSION, type ImagePolicy, type ImageRepository } from '../../api/image/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { RegistryClient } from '../../sources/registry/index.js';
import type { Logger } from '../../util/log.js';
import { KindController } from '../flux/kind-controller.js';
import { ImagePolicyReconciler } from './policy.js';
import { ImageRepositoryReconciler } from './repository.js';
import { ImageAutomationController } from './automation-controller.js';
import { TagStore } from './tag-store.js';

export interface ImageControllerOptions {
  home: Cluster;
  log: Logger;
  registry?: RegistryClient;
  /** Told of every push an ImageUpdateAutomation makes. */
  onPushed?: (automation: { namespace: string; name: string }) => void;
}

/**
 * Did a repository's scan output change: a new scan (its time; after a restart the tags
 * may be the same, but waiting policies need the refilled store), or its Ready condition?
 */
export function scanChanged(obj: KubeObject, previous: KubeObject | undefined): boolean {
  const now = (obj as ImageRepository).status;
  const before = (previous as ImageRepository | undefined)?.status;
  const ready = (s: ImageRepository['status']): string => {
    const c = s?.conditions?.find((x) => x.type === 'Ready');
    return `${c?.status ?? ''}|${c?.message ?? ''}`;
  };
  return now?.lastScanResult?.scanTime !== before?.lastScanResult?.scanTime || ready(now) !== ready(before);
}

export class ImageController {
  readonly repositories: KindController;
  readonly policies: KindController;
  readonly store = new TagStore();
  readonly registry: RegistryClient;
  /** ImageUpdateAutomation: writes the policies' images back to Git (automation-*.ts). */
  readonly automation: ImageAutomationController;

  constructor(options: ImageControllerOptions) {
    const { home, log } = options;
    this.registry = options.registry ?? new RegistryClient({ userAgent: 'ferry-image-reflector' });
    const deps = { home, log, registry: this.registry, store: this.store };
    this.repositories = new KindController({
      home,
      log,
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImageRepository',
      reconciler: new ImageRepositoryReconciler(deps),
      workers: 2,
    });
    this.policies = new KindController({
      home,
      log,
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImagePolicy',
      reconciler: new ImagePolicyReconciler(deps),
      workers: 2,
    });
    this.automation = new ImageAutomationController({ home, log, onPushed: options.onPushed });
    this.repositories.onChange((type, obj, previous) => {
      const { namespace = '', name = '' } = obj.metadata;
      if (type === 'DELETED') this.store.delete(namespace, name);
      if (type === 'DELETED' || scanChanged(obj, previous)) this.policiesOf(namespace, name);
    });
  }

  start(): void {
    this.repositories.start();
    this.policies.start();
    this.automation.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.repositories.stop(), this.policies.stop(), this.automation.stop()]);
  }

  private policiesOf(namespace: string, name: string): void {
    for (const policy of this.policies.list() as ImagePolicy[]) {
      const ref = policy.spec?.imageRepositoryRef;
      const policyNamespace = policy.metadata.namespace ?? '';
      if (ref?.name === name && (ref.namespace || policyNamespace) === namespace) {
        this.policies.enqueue(policyNamespace, policy.metadata.name ?? '');
      }
    }
  }
}
