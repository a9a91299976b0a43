/**
 * The Argo CD Image Updater controller: every interval (2 minutes, Argo's default) it
 * looks at each Application annotated with `argocd-image-updater.argoproj.io/image-list`,
 * plans its image changes and writes them back. Every update leaves an `ImagesUpdated`
 * Event and a log line; every failure a Warning Event (`ImageUpdateFailed`) and a log line.
 */
import { ARGO_API_VERSION, type Application } from '../../api/argo/index.js';
import type { Cluster } from '../../kube/cluster.js';
import { recordEvent } from '../../kube/events.js';
import type { Logger } from '../../util/log.js';
import type { GitCredentials } from '../../sources/git/index.js';
import { parseImageRef, RegistryClient, type RegistryRequestOptions } from '../../sources/registry/index.js';
import { writeBackConfig, type ImageSettings, type WriteBackConfig } from '../../image/argo/annotations.js';
import { ensureGoTemplateEngine } from '../../templates/index.js';
import { gitCredentials, registryAuth } from './credentials.js';
import { loadUpdaterConfig, registryFor, type UpdaterConfig } from './config.js';
import { hasImageList, planApplication, type ImageOutcome, type PlannedChange } from './plan.js';
import { writeBackChanges, type WriteBackOutcome } from './write-back.js';

export const DEFAULT_INTERVAL_MS = 120_000;

export interface ImageUpdaterOptions {
  home: Cluster;
  /** Where Applications, the config map and repository Secrets are. */
  namespace: string;
  log: Logger;
  intervalMs?: number;
  /** Argo CD repository credentials for a git URL (write-back without git:secret:). */
  repoCredentials?: (url: string) => Promise<GitCredentials | undefined>;
  registry?: RegistryClient;
  /** Called once per recorded update (metrics). */
  onUpdated?: (app: string, images: number) => void;
}

export interface AppRunResult {
  app: string;
  outcomes: ImageOutcome[];
  writeBack?: WriteBackOutcome;
  error?: string;
}

export class ImageUpdaterController {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly registry: RegistryClient;
  /** Runs completed, for tests and metrics. */
  runs = 0;

  constructor(private readonly options: ImageUpdaterOptions) {
    this.registry = options.registry ?? new RegistryClient();
  }

  start(): void {
    this.stopped = false;
    this.schedule(1_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runAll()
        .then(() => undefined)
        .catch((err: unknown) =>
          this.options.log.error('image updater run failed', { error: (err as Error).message }),
        )
        .finally(() => this.schedule(this.options.intervalMs ?? DEFAULT_INTERVAL_MS));
    }, ms);
    this.timer.unref();
  }

  /** One pass over every annotated Application. */
  async runAll(): Promise<AppRunResult[]> {
    const apps = (await this.options.home.list(ARGO_API_VERSION, 'Application', {
      namespace: this.options.namespace,
    })) as Application[];
    const config = await loadUpdaterConfig(this.options.home, this.options.namespace);
    const results: AppRunResult[] = [];
    for (const app of apps.filter(hasImageList)) {
      if (this.stopped) break;
      results.push(await this.updateApplication(app, { config }));
    }
    this.runs += 1;
    return results;
  }

  /** Plans one Application and, unless `dryRun`, writes its changes back and records them. */
  async updateApplication(
    app: Application,
    options: { dryRun?: boolean; config?: UpdaterConfig } = {},
  ): Promise<AppRunResult> {
    const name = app.metadata.name ?? '';
    const config = options.config ?? (await loadUpdaterConfig(this.options.home, this.options.namespace));
    let outcomes: ImageOutcome[] = [];
    try {
      const writeBack = writeBackConfig(app.metadata.annotations ?? {});
      outcomes = await planApplication(app, {
        registry: this.registry,
        requestOptions: (image, settings) => this.requestOptions(image, settings, config),
      });
      this.reportImageErrors(app, outcomes, options.dryRun);
      const changes = outcomes.flatMap((o) => (o.result === 'update' ? [o.change] : []));
      if (changes.length === 0 || options.dryRun) return { app: name, outcomes };
      await ensureGoTemplateEngine();
      const outcome = await this.write(app, writeBack, changes, config);
      return { app: name, outcomes, writeBack: outcome };
    } catch (err) {
      const error = (err as Error).message;
      if (!options.dryRun) this.warn(app, `Could not update application '${name}': ${error}`);
      return { app: name, outcomes, error };
    }
  }

  private async write(
    app: Application,
    config: WriteBackConfig,
    changes: PlannedChange[],
    updater: UpdaterConfig,
  ): Promise<WriteBackOutcome> {
    const { home, log } = this.options;
    const outcome = await writeBackChanges(app, config, changes, {
      home,
      log,
      author: updater.author,
      commitMessageTemplate: updater.commitMessageTemplate,
      gitCredentials: (wb, url) =>
        gitCredentials(home, wb.credentials, app.metadata.namespace ?? this.options.namespace, async () =>
          this.options.repoCredentials?.(url),
        ),
    });
    const list = changes
      .map((c) => `${c.image} ${c.oldTag || '(none)'} → ${c.newTag}${c.digest ? `@${c.digest}` : ''}`)
      .join(', ');
    const name = app.metadata.name ?? '';
    if (!outcome.changed) {
      log.info('image updater: write-back target already up to date', {
        app: name,
        images: list,
        method: outcome.method,
      });
      return outcome;
    }
    const where =
      outcome.method === 'git'
        ? ` (commit ${outcome.commit?.slice(0, 12) ?? ''} on ${outcome.branch ?? ''})`
        : '';
    log.info('image updater: updated application', {
      app: name,
      method: outcome.method,
      images: list,
      commit: outcome.commit,
    });
    this.event(app, 'Normal', 'ImagesUpdated', `Successfully updated application '${name}': ${list}${where}`);
    this.options.onUpdated?.(name, changes.length);
    return outcome;
  }

  private reportImageErrors(app: Application, outcomes: ImageOutcome[], dryRun?: boolean): void {
    if (dryRun) return;
    for (const o of outcomes)
      if (o.result === 'error') this.warn(app, `Image ${o.alias} (${o.image}): ${o.error}`);
  }

  /** Plain HTTP and credentials: `<alias>.pull-secret`, else registries.conf; `<alias>.insecure` too. */
  private async requestOptions(
    image: string,
    settings: ImageSettings,
    config: UpdaterConfig,
  ): Promise<RegistryRequestOptions> {
    const registry = registryFor(config, image);
    const ref = settings.pullSecret ?? registry?.credentials;
    const auth = ref ? await registryAuth(this.options.home, ref, parseImageRef(image).registry) : undefined;
    return { auth, insecure: settings.insecure || registry?.insecure === true };
  }

  private warn(app: Application, message: string): void {
    this.options.log.warn('image updater: update failed', { app: app.metadata.name, message });
    this.event(app, 'Warning', 'ImageUpdateFailed', message);
  }

  private event(app: Application, type: 'Normal' | 'Warning', reason: string, message: string): void {
    recordEvent(this.options.home, app, { type, reason, message }).catch((err: unknown) =>
      this.options.log.warn('could not record event', {
        app: app.metadata.name,
        reason,
        error: (err as Error).message,
      }),
    );
  }
}
