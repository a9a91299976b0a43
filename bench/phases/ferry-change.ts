/**
 * Figure 3: one commit changes one app's values; time from the push (the commit is on
 * the git server) until the changed ConfigMap is in the cluster. The push is announced
 * with a signed GitHub webhook when `ferry controller` serves one (--listen); without
 * it, with Argo CD's refresh annotation (the same "reconcile this app now" path the
 * webhook takes), or by waiting for the periodic resync ("poll").
 */
import { request } from 'node:http';
import type { BenchContext } from '../context.js';
import type { ChangeFigure } from '../types.js';
import type { KubeObject } from '../../src/kube/object.js';
import { watchCollection } from '../../src/kube/watch.js';
import { Tracker, appConverged } from '../kube/tracker.js';
import { ARGO, gitApplication } from '../workload/argo.js';
import { CHANGE_KEY, CHANGE_PATH, CHANGE_REPO, changeRepoFolder, githubPush } from '../workload/git-app.js';
import { fullname, type Release } from '../workload/apps.js';
import type { FerryRound } from '../ferry/setup.js';
import type { FerryProcess } from '../ferry/process.js';
import { now, seconds, sleep } from '../util/time.js';
import { median, percentile } from '../util/stats.js';

const REPO = CHANGE_REPO;
/** Ferry skips a git fetch within 3 s of the last one; changes are spaced beyond that. */
const SPACING_MS = 3500;

type Trigger = ChangeFigure['trigger'];

function post(url: string, delivery: { headers: Record<string, string>; body: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: delivery.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(delivery.body);
  });
}

/** Resolves when the ConfigMap in `namespace` carries `value` (monotonic ms). */
function configMapValue(
  ctx: BenchContext,
  namespace: string,
  name: string,
  value: string,
): { seen: Promise<number>; stop(): void } {
  let resolve: (at: number) => void = () => undefined;
  const seen = new Promise<number>((r) => (resolve = r));
  ctx.kube.count('LIST');
  ctx.kube.count('WATCH');
  const watch = watchCollection(
    ctx.kube.cluster,
    { apiVersion: 'v1', kind: 'ConfigMap', namespace },
    (_t, obj) => {
      const data = (obj as KubeObject & { data?: Record<string, string> }).data;
      if (obj.metadata.name === name && data?.[CHANGE_KEY] === value) resolve(now());
    },
  );
  return { seen, stop: () => watch.stop() };
}

async function setupGitApp(
  ctx: BenchContext,
  round: FerryRound,
  release: Release,
): Promise<ReturnType<typeof changeRepoFolder>> {
  const folder = changeRepoFolder(ctx.workDir);
  folder.write(0);
  await ctx.bed.git.pushFolder(REPO, folder.dir, { message: 'change 0' });
  const { git } = ctx.bed;
  const app = gitApplication(release, round.controlNamespace, {
    repoURL: git.cloneUrl(REPO, false),
    path: CHANGE_PATH,
  });
  const tracker = new Tracker(ctx.kube, {
    apiVersion: ARGO,
    kind: 'Application',
    namespace: round.controlNamespace,
    select: (o) => o.metadata.name === release.name,
    done: appConverged,
  });
  await ctx.kube.apply(app);
  await tracker.until(1, 120_000).finally(() => tracker.stop());
  return folder;
}

/** The trigger for the figure's main samples: the webhook when the controller serves one. */
export function changeTrigger(ctx: BenchContext): Trigger {
  return ctx.webhook ? 'webhook' : 'annotation';
}

interface Push {
  before: string;
  after: string;
  secret: string;
  trigger: Trigger;
}

async function announce(ctx: BenchContext, ferry: FerryProcess, app: KubeObject, push: Push): Promise<void> {
  if (push.trigger === 'poll') return;
  if (push.trigger === 'annotation') {
    await ctx.kube.mergePatch(app, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
    return;
  }
  const { git } = ctx.bed;
  const delivery = githubPush(
    { htmlUrl: `${git.url}/${REPO}`, cloneUrl: git.cloneUrl(REPO, false) },
    push,
    push.secret,
  );
  const status = await post(`http://${ferry.options.listen}/api/webhook`, delivery);
  if (status !== 200) throw new Error(`webhook answered HTTP ${status}`);
}

const NOTES: Record<Trigger, string> = {
  webhook: 'signed GitHub push delivery to the controller’s /api/webhook right after the push',
  annotation:
    '`ferry controller` has no --listen yet, so its webhook route cannot be reached; the push is announced with the argocd.argoproj.io/refresh=normal annotation, which queues the app exactly as the webhook route does (plus one watch event)',
  poll: 'no announcement: the change is found by the periodic resync (--resync), so latency is bounded by the resync period',
};

/** The git-sourced app the changes go to, created once per run and reused by every trigger. */
export interface ChangeTarget {
  release: Release;
  app: KubeObject;
  folder: ReturnType<typeof changeRepoFolder>;
  seq: number;
  head: string;
}

export async function changeTarget(ctx: BenchContext, round: FerryRound): Promise<ChangeTarget> {
  const release: Release = { index: 0, name: 'change-app', namespace: `${round.prefix}-change`, values: {} };
  ctx.progress.step('ferry change latency: creating the git-sourced app');
  const folder = await setupGitApp(ctx, round, release);
  const app = gitApplication(release, round.controlNamespace, { repoURL: '', path: '' });
  return { release, app, folder, seq: 0, head: '' };
}

/** `count` changes announced by `trigger`, one after the other. */
export async function ferryChangeLatency(
  ctx: BenchContext,
  ferry: FerryProcess,
  target: ChangeTarget,
  run: { trigger: Trigger; count: number; secret: string },
): Promise<ChangeFigure> {
  const samples: number[] = [];
  const { release } = target;
  for (let k = 1; k <= run.count; k++) {
    ctx.progress.step(`ferry change latency (${run.trigger}): change ${k}/${run.count}`);
    const seq = ++target.seq;
    const watch = configMapValue(ctx, release.namespace, `${fullname(release.name)}-env`, String(seq));
    target.folder.write(seq);
    const after = await ctx.bed.git.pushFolder(REPO, target.folder.dir, { message: `change ${seq}` });
    const pushedAt = now();
    await announce(ctx, ferry, target.app, {
      before: target.head,
      after,
      secret: run.secret,
      trigger: run.trigger,
    });
    target.head = after;
    const timeout = sleep(ctx.options.resyncSeconds * 1500 + 30_000).then(() => Number.NaN);
    const seenAt = await Promise.race([watch.seen, timeout]);
    watch.stop();
    if (Number.isNaN(seenAt)) throw new Error(`change ${seq} never reached the cluster`);
    samples.push(seconds(seenAt - pushedAt));
    await sleep(SPACING_MS);
  }
  return {
    trigger: run.trigger,
    samplesSeconds: samples,
    p50: median(samples),
    p95: percentile(samples, 95),
    note: NOTES[run.trigger],
  };
}
