/**
 * The ImageUpdateAutomation controller: a KindController over the automations (watch,
 * queue, interval requeue, backoff), plus watches that queue them when what they read
 * changes: an ImagePolicy's latest image (automations of its namespace) or a
 * GitRepository's spec (automations referring to it).
 *
 *   const automation = new ImageAutomationController({ home, log });
 *   automation.start(); … await automation.stop();
 */
import { SOURCE_API_VERSION } from '../../api/flux/index.js';
import { IMAGE_API_VERSION, type ImagePolicy, type ImageUpdateAutomation } from '../../api/image/index.js';
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { watchCollection, type CollectionWatch } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';
import { KindController } from '../flux/kind-controller.js';
import { latestOf } from './automation-policies.js';
import { AutomationReconciler } from './automation-reconcile.js';
import type { RunReport } from './automation-run.js';
import { AutomationError, runAutomation, type AutomationDeps } from './automation-run.js';

export interface ImageAutomationControllerOptions {
  home: Cluster;
  log: Logger;
  workers?: number;
  onPushed?: AutomationDeps['onPushed'];
}

const keyOf = (obj: KubeObject): string => `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

export class ImageAutomationController {
  readonly automations: KindController;
  private readonly reconciler: AutomationReconciler;
  private readonly watches: CollectionWatch[] = [];
  private readonly latest = new Map<string, string>();

  constructor(private readonly options: ImageAutomationControllerOptions) {
    this.reconciler = new AutomationReconciler({
      home: options.home,
      log: options.log,
      onPushed: options.onPushed,
    });
    this.automations = new KindController({
      home: options.home,
      apiVersion: IMAGE_API_VERSION,
      kind: 'ImageUpdateAutomation',
      reconciler: this.reconciler,
      log: options.log,
      workers: options.workers ?? 2,
    });
  }

  start(): void {
    const { home, log } = this.options;
    const quiet = (kind: string) => (err: unknown) =>
      log.debug('watch restarting', { kind, error: (err as Error).message });
    this.automations.start();
    this.watches.push(
      watchCollection(
        home,
        { apiVersion: IMAGE_API_VERSION, kind: 'ImagePolicy' },
        (type, obj) => this.onPolicy(type, obj),
        quiet('ImagePolicy'),
      ),
      watchCollection(
        home,
        { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository' },
        (type, obj) => this.onGitRepository(type, obj),
        quiet('GitRepository'),
      ),
    );
  }

  async stop(): Promise<void> {
    for (const w of this.watches.splice(0)) w.stop();
    await this.automations.stop();
  }

  /** Runs one automation now (CLI): a dry run only reports; a real run also records status and events. */
  async runNow(namespace: string, name: string, options: { dryRun?: boolean } = {}): Promise<RunReport> {
    const auto = await this.reconciler.get(namespace, name);
    if (!auto) throw new Error(`ImageUpdateAutomation "${name}" not found in namespace ${namespace}`);
    if (options.dryRun) return runAutomation(this.options, auto, { dryRun: true });
    const outcome = await this.reconciler.run(auto);
    if (outcome instanceof AutomationError || outcome instanceof Error) throw outcome;
    return outcome;
  }

  private onPolicy(type: string, obj: KubeObject): void {
    const key = keyOf(obj);
    const latest = JSON.stringify(latestOf(obj as ImagePolicy) ?? null);
    if (type === 'DELETED') this.latest.delete(key);
    else if (this.latest.get(key) === latest) return;
    else this.latest.set(key, latest);
    for (const auto of this.automations.list()) {
      if (auto.metadata.namespace === obj.metadata.namespace) this.enqueue(auto);
    }
  }

  private onGitRepository(type: string, obj: KubeObject): void {
    if (type === 'MODIFIED') return; // spec changes are rare; the interval picks them up
    for (const auto of this.automations.list() as ImageUpdateAutomation[]) {
      const ref = auto.spec.sourceRef;
      const ns = ref.namespace ?? auto.metadata.namespace;
      if (ref.name === obj.metadata.name && ns === obj.metadata.namespace) this.enqueue(auto);
    }
  }

  private enqueue(auto: KubeObject): void {
    this.automations.enqueue(auto.metadata.namespace ?? '', auto.metadata.name ?? '');
  }
}
