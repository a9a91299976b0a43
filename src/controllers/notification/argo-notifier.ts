/**
 * Argo CD notifications for Ferry: every Application in Ferry's namespace is evaluated
 * when it changes (and every `resyncMs`), subscribed triggers decide (src/notifications/
 * argo-triggers.ts), the `notified.notifications.argoproj.io` annotation is written
 * before sending so a restart never sends twice, then each template goes to its service.
 * Ferry's event triggers (`onEvent`) fire on Events recorded on an Application.
 */
import { ARGO_API_VERSION } from '../../api/argo/index.js';
import type { KubeObject } from '../../kube/object.js';
import { watchCollection, type CollectionWatch } from '../../kube/watch.js';
import { notificationRequest } from '../../notifications/argo-message.js';
import {
  evaluateApp,
  eventTriggerSends,
  NOTIFIED_ANNOTATION,
  type PlannedSend,
} from '../../notifications/argo-triggers.js';
import { ensureGoTemplateEngine } from '../../templates/go-engine.js';
import { ArgoNotificationsConfig, type LoadedConfig } from './argo-config-source.js';
import { ProblemReporter, sendNotification, type DeliveryDeps } from './delivery.js';

export interface ArgoNotifierOptions extends DeliveryDeps {
  namespace: string;
  resyncMs?: number;
}

export class ArgoNotifier {
  private readonly config: ArgoNotificationsConfig;
  private readonly problems: ProblemReporter;
  private readonly pendingSince = new Map<string, number>();
  /** One evaluation per app at a time; a change during one runs another after it. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private watch: CollectionWatch | undefined;
  private resync: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ArgoNotifierOptions) {
    this.problems = new ProblemReporter(options.home, options.log);
    this.config = new ArgoNotificationsConfig(options.home, options.namespace, this.problems);
  }

  start(): void {
    this.watch = watchCollection(
      this.options.home,
      { apiVersion: ARGO_API_VERSION, kind: 'Application', namespace: this.options.namespace },
      (type, app) => (type === 'DELETED' ? undefined : this.queue(app.metadata.name ?? '')),
      (err) => this.options.log.debug('notification app watch restarting', { error: (err as Error).message }),
    );
    this.resync = setInterval(() => void this.resyncAll(), this.options.resyncMs ?? 30_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watch?.stop();
    clearInterval(this.resync);
    for (const t of this.timers) clearTimeout(t);
    await Promise.allSettled([...this.running.values()]);
  }

  /** An Event on an Application: Ferry's event triggers. */
  async handleEvent(event: KubeObject): Promise<void> {
    const e = event as KubeObject & {
      involvedObject?: { kind?: string; name?: string };
      reason?: string;
      message?: string;
      type?: string;
    };
    if (e.involvedObject?.kind !== 'Application' || event.metadata.namespace !== this.options.namespace)
      return;
    const loaded = await this.config.get();
    if (!loaded || !e.reason) return;
    const app = await this.getApp(e.involvedObject.name ?? '');
    if (!app) return;
    const sends = eventTriggerSends(app, loaded.config, e.reason);
    const detail = { reason: e.reason, message: e.message ?? '', type: e.type ?? 'Normal' };
    await this.sendAll(app, loaded, sends, detail);
  }

  private queue(name: string): void {
    if (this.stopped || !name) return;
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    const run = this.evaluate(name)
      .catch((err: unknown) =>
        this.options.log.warn('notification evaluation failed', { app: name, error: (err as Error).message }),
      )
      .finally(() => {
        this.running.delete(name);
        if (this.again.delete(name)) this.queue(name);
      });
    this.running.set(name, run);
  }

  private async resyncAll(): Promise<void> {
    const apps = await this.options.home
      .list(ARGO_API_VERSION, 'Application', { namespace: this.options.namespace })
      .catch(() => []);
    for (const app of apps) this.queue(app.metadata.name ?? '');
  }

  private getApp(name: string): Promise<KubeObject | undefined> {
    return this.options.home.get({
      apiVersion: ARGO_API_VERSION,
      kind: 'Application',
      namespace: this.options.namespace,
      name,
    });
  }

  private async evaluate(name: string): Promise<void> {
    const loaded = await this.config.get();
    if (!loaded) return;
    const app = await this.getApp(name);
    if (!app) return;
    const result = evaluateApp({
      app,
      config: loaded.config,
      now: Date.now(),
      pendingSince: this.pendingSince,
    });
    for (const problem of result.problems) this.problems.report(app, 'InvalidNotificationConfig', problem);
    if (result.recheckMs !== undefined) this.recheck(name, result.recheckMs);
    if (result.state) {
      const annotations = { [NOTIFIED_ANNOTATION]: JSON.stringify(result.state) };
      await this.options.home.mergePatch(
        { apiVersion: ARGO_API_VERSION, kind: 'Application', namespace: this.options.namespace, name },
        { metadata: { annotations } },
      );
    }
    await this.sendAll(app, loaded, result.sends);
  }

  private recheck(name: string, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.queue(name);
    }, ms + 50);
    this.timers.add(timer);
  }

  private async sendAll(
    app: KubeObject,
    loaded: LoadedConfig,
    sends: PlannedSend[],
    event?: { reason: string; message: string; type: string },
  ): Promise<void> {
    const jobs = sends.flatMap((send) => send.templates.map((template) => ({ send, template })));
    await Promise.all(jobs.map(({ send, template }) => this.sendOne(app, loaded, { send, template, event })));
  }

  private async sendOne(
    app: KubeObject,
    loaded: LoadedConfig,
    job: { send: PlannedSend; template: string; event?: { reason: string; message: string; type: string } },
  ): Promise<void> {
    const { send, template } = job;
    const service = loaded.config.services.get(send.destination.service);
    try {
      await ensureGoTemplateEngine();
      const request = notificationRequest({
        config: loaded.config,
        template,
        trigger: send.trigger,
        destination: send.destination,
        app: app,
        event: job.event,
      });
      await sendNotification(this.options, {
        request,
        provider: service?.type ?? send.destination.service,
        owner: app,
        what: `app ${app.metadata.name ?? ''} trigger ${send.trigger} template ${template} to ${send.destination.service}`,
      });
    } catch (err) {
      this.problems.report(app, 'NotificationFailed', `trigger ${send.trigger}: ${(err as Error).message}`);
    }
  }
}
