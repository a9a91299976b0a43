/**
 * Starts Ferry in a process: installs the CRDs, builds the engine once, and runs
 * every controller on it. The only place that wires controllers together.
 */
import type { Cluster } from '../kube/cluster.js';
import type { Logger } from '../util/log.js';
import { createEngine, type Engine } from '../engine/engine.js';
import { ClusterRegistry } from './clusters.js';
import { HealthCheckConfig } from './health-config.js';
import { ensureNamespace, installCrds } from './install.js';
import { ApplicationController } from './application/controller.js';
import { ApplicationSetController } from './applicationset/controller.js';
import { FluxController } from './flux/index.js';
import { ImageController } from './image/controller.js';
import { startServer, type RunningServer } from '../server/server.js';
import { SealedSecretController } from './sealedsecret/controller.js';
import { FerryMetrics } from '../server/metrics/collect.js';
import { NotificationController } from './notification/index.js';
import { ImageUpdaterController } from './imageupdater/controller.js';

export interface FerryOptions {
  home: Cluster;
  namespace: string;
  log: Logger;
  workers?: number;
  resyncMs?: number;
  cacheDir?: string;
  /** host:port for the HTTP server (health, webhooks); no server when undefined. */
  listen?: string;
  /** Run the SealedSecret controller (keys in `namespace`, default kube-system). */
  sealedSecrets?: { namespace?: string; keyRenewalMs?: number };
  /** Run the Flux source and HelmRelease controllers (every namespace); default true. */
  flux?: boolean;
  /** Send notifications (Flux Provider/Alert, argocd-notifications-cm); default true. */
  notifications?: boolean;
  /** Run Flux's image reflector (ImageRepository, ImagePolicy; every namespace); default true. */
  image?: boolean;
  /** Argo CD Image Updater annotations on Applications (every 2 minutes by default); default on. */
  imageUpdater?: { intervalMs?: number } | false;
}

export interface RunningFerry {
  engine: Engine;
  applications: ApplicationController;
  applicationSets: ApplicationSetController;
  server?: RunningServer;
  sealedSecrets?: SealedSecretController;
  flux?: FluxController;
  notifications?: NotificationController;
  image?: ImageController;
  imageUpdater?: ImageUpdaterController;
  metrics: FerryMetrics;
  stop(): Promise<void>;
}

export async function startFerry(options: FerryOptions): Promise<RunningFerry> {
  const { home, namespace, log } = options;
  await ensureNamespace(home, namespace);
  await installCrds(home);
  const engine = createEngine(home, namespace, { cacheDir: options.cacheDir });
  const metrics = new FerryMetrics({
    home,
    namespace,
    log,
    queueDepth: (): number => applications.queue.length,
    renderCache: () => engine.cache,
  });
  home.rest.addRequestListener(metrics.requestCounter);
  const clusters = new ClusterRegistry(home, namespace, metrics.requestCounter);
  const health = new HealthCheckConfig(home, namespace, log);
  const applications = new ApplicationController({
    home,
    namespace,
    clusters,
    manifests: engine.manifests,
    healthChecks: () => health.checks(),
    log,
    workers: options.workers,
    resyncMs: options.resyncMs,
    onReconciled: (_app, ms) => metrics.observeReconcile(ms),
  });
  applications.start();
  metrics.start();
  const applicationSets = new ApplicationSetController({ home, namespace, clusters, git: engine.git, log });
  applicationSets.start();
  // Cluster Secrets: drop stale connections, generate cluster-based ApplicationSets again.
  const clusterWatch = clusters.watch(
    () => applicationSets.clustersChanged(),
    (err) => log.debug('cluster Secret watch restarting', { error: (err as Error).message }),
  );
  const sealedSecrets = options.sealedSecrets
    ? new SealedSecretController({ home, log, ...options.sealedSecrets })
    : undefined;
  await sealedSecrets?.start();
  const { flux, notifications, image, imageUpdater } = startOptionalControllers(options, engine, metrics);
  const server = options.listen
    ? await startServer({
        listen: options.listen,
        home,
        namespace,
        log,
        refresh: (name) => applications.refresh(name),
        refreshAppSets: () => applicationSets.refreshAll({ fetch: true }),
        sealedSecrets,
        metrics,
      })
    : undefined;
  return {
    engine,
    applications,
    applicationSets,
    server,
    sealedSecrets,
    flux,
    notifications,
    image,
    imageUpdater,
    metrics,
    stop: async () => {
      await notifications?.stop();
      await imageUpdater?.stop();
      await server?.close();
      metrics.stop();
      await sealedSecrets?.stop();
      clusterWatch.stop();
      await applicationSets.stop();
      await applications.stop();
      await flux?.stop();
      await image?.stop();
    },
  };
}

type OptionalControllers = Pick<RunningFerry, 'flux' | 'notifications' | 'image' | 'imageUpdater'>;

/** The controllers a user can turn off: Flux, notifications, image reflector and updater. */
function startOptionalControllers(
  options: FerryOptions,
  engine: Engine,
  metrics: FerryMetrics,
): OptionalControllers {
  const { home, namespace, log } = options;
  const flux =
    options.flux === false
      ? undefined
      : new FluxController({
          home,
          log,
          charts: engine.charts,
          cacheDir: options.cacheDir ? `${options.cacheDir}/flux` : undefined,
          onReconciled: (object, ms) => metrics.observeFluxReconcile(object, ms),
        });
  flux?.start();
  const notifications =
    options.notifications === false
      ? undefined
      : new NotificationController({
          home,
          namespace,
          log,
          count: (labels) => metrics.notifications.inc(labels),
        });
  notifications?.start();
  const image =
    options.image === false
      ? undefined
      : new ImageController({ home, log, onPushed: (a) => metrics.imageAutomationPushes.inc(a) });
  image?.start();
  const imageUpdater =
    options.imageUpdater === false
      ? undefined
      : new ImageUpdaterController({
          home,
          namespace,
          log,
          intervalMs: options.imageUpdater?.intervalMs,
          repoCredentials: async (url) => {
            const c = await engine.credentials.for(url);
            return c && { username: c.username, password: c.password ?? c.bearerToken, insecure: c.insecure };
          },
          onUpdated: (app, images) => metrics.imageUpdates.inc({ name: app }, images),
        });
  imageUpdater?.start();
  return { flux, notifications, image, imageUpdater };
}
