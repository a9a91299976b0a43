/**
 * "What holds it back": sentences computed from the figures (request counts per app
 * against the lower bound, where the controller's CPU goes, reconciles per app), and
 * the next step they point to. Judgement stays in the rules below, visible and short.
 */
import type { RunAtN } from '../types.js';
import { fmt, median } from '../util/stats.js';
import { LOWER_BOUND } from '../peers/kubectl.js';
import type { ProfileSummary } from './profile.js';
import { contenders } from './sections.js';

function share(p: ProfileSummary | undefined, prefix: string): number {
  return (p?.areas ?? []).filter((a) => a.name.startsWith(prefix)).reduce((s, a) => s + a.share, 0);
}

function apiFinding(run: RunAtN): string[] {
  const [ferry, ...peers] = contenders(run);
  const bound = peers.find((p) => p.who === LOWER_BOUND);
  if (!ferry || !bound) return [];
  const per = (n: number, f: typeof ferry): string => fmt(n / f.n, 1);
  const a = ferry.api.attributed;
  const ownGets = ferry.ownRequests?.GET;
  const own =
    ownGets === undefined
      ? ''
      : ` (Ferry's own client: ${per(ownGets, ferry)} GETs per app; its count leaves out the helm children and the attribution is approximate, see Method)`;
  return [
    `- **API round trips.** Ferry sent ${per(ferry.api.attributedTotal, ferry)} requests per app to converge, the lower bound ${per(bound.api.attributedTotal, bound)}: per app ${per(a.GET ?? 0, ferry)} GETs${own}, ${per(a['APPLY (dry run)'] ?? 0, ferry)} dry-run applies, ${per(a.APPLY ?? 0, ferry)} applies, ${per(a.PATCH ?? 0, ferry)} status patches. Live objects come from the controller's watches (a GET only before a kind's watch has listed, or for an untracked object) and a dry run is repeated only for objects that changed since the last one (docs/architecture.md, step 6), so most of what is left is the first look at each app: a dry run per object not created yet, the sync's applies, its namespace, status patches and Events.`,
  ];
}

function cpuFinding(run: RunAtN): string[] {
  const ferry = contenders(run)[0];
  if (!ferry || ferry.cpuSeconds === undefined) return [];
  const self = ferry.cpuSeconds;
  const children = ferry.childCpuSeconds ?? 0;
  const busy = (self + children) / ferry.wallSeconds;
  const cold = run.profile?.cold;
  const lines = [
    `- **CPU.** During cold converge the controller used ${fmt(self)} CPU-s itself and ${fmt(children)} CPU-s in helm/git children over ${fmt(ferry.wallSeconds)} s wall: ${fmt(busy)} of the machine's 2 cores on average (the apiserver, etcd and the bed's controllers share the same cores). ${children > self ? 'The helm children cost more than the controller itself: one `helm template` process per app.' : 'Most of it is the controller itself, not helm.'}`,
  ];
  if (cold) {
    const top = cold.areas
      .slice(0, 4)
      .map((a) => `${a.name} ${(a.share * 100).toFixed(0)} %`)
      .join(', ');
    const spawn = cold.functions.find((f) => f.name.startsWith('ChildProcess.spawn'));
    const spawnText = spawn
      ? ` Starting a helm or git process is synchronous on the main thread: \`ChildProcess.spawn\` alone took ${fmt(spawn.selfMs / 1000, 1)} s of self time (${(spawn.share * 100).toFixed(0)} %).`
      : '';
    const modules = share(cold, 'node: modules');
    const startupText =
      modules > 0.05
        ? ` Module loading (${(modules * 100).toFixed(0)} %) is a start-up cost that does not grow with N.`
        : '';
    lines.push(
      `- **Profile (cold converge).** The main thread was busy ${fmt(cold.busyMs / 1000, 1)} s of ${fmt(ferry.wallSeconds, 1)} s; busiest areas: ${top} ("V8: native" is native code such as JSON parsing and compilation).${spawnText}${startupText}`,
    );
  }
  return lines;
}

function timeFinding(run: RunAtN): string[] {
  const ferry = contenders(run)[0];
  const bound = contenders(run).find((f) => f.who === LOWER_BOUND);
  if (!ferry?.appliedSeconds || !bound?.appliedSeconds) return [];
  return [
    `- **Where the wall time goes.** Ferry: ${fmt(ferry.startupSeconds)} s from process start to "controller started" (Node start-up and CRD install), all apps Synced after ${fmt(ferry.appliedSeconds)} s, all Healthy after ${fmt(ferry.wallSeconds)} s. The lower bound: kubectl returned after ${fmt(bound.appliedSeconds)} s, every Deployment Available after ${fmt(bound.wallSeconds)} s — the bed's controller-manager, scheduler and kwok need ${fmt(bound.wallSeconds - bound.appliedSeconds)} s to roll ${bound.n} Deployments out, for every contender alike.`,
  ];
}

/** Whether "5× faster than sequential helm" can be met by anyone on this bed at this N. */
function helmTargetFinding(run: RunAtN): string[] {
  const all = contenders(run);
  const seq = all.find((f) => f.who === 'helm-sequential');
  const bound = all.find((f) => f.who === LOWER_BOUND);
  if (!seq || !bound) return [];
  const needed = seq.wallSeconds / 5;
  if (needed >= bound.wallSeconds) return [];
  return [
    `- **The sequential-helm target on this bed.** Sequential helm took ${fmt(seq.wallSeconds)} s (its own commands ${fmt(seq.appliedSeconds)} s, ${fmt((seq.appliedSeconds ?? 0) / seq.n, 2)} s per release). Being 5× faster means ${fmt(needed)} s, below the lower bound of ${fmt(bound.wallSeconds)} s: at N=${run.n} no contender can meet this target here, because the bed rolls Deployments out no faster than that whoever applies them. It only becomes reachable where N × helm's time per release outgrows 5 × the bed's rollout time.`,
  ];
}

function reconcileFinding(run: RunAtN): string[] {
  const counts = run.ferryCold.map((f) => f.reconciles ?? Number.NaN);
  const per = median(counts) / run.n;
  if (!Number.isFinite(per)) return [];
  return [
    `- **Reconciles.** ${fmt(per, 1)} reconciles per app during cold converge (sync, then re-checks while the Deployment becomes Available, triggered by live watches and requeues); a re-check reads its Application, AppProject and live objects from the controller's watches and dry-runs only what changed, so it sends no request when nothing did.`,
  ];
}

/** The closing note: the next step the largest cost points to. */
function nextStep(run: RunAtN): string {
  const [ferry, ...peers] = contenders(run);
  const bound = peers.find((p) => p.who === LOWER_BOUND);
  const perApp =
    ferry && bound ? ferry.api.attributedTotal / ferry.n / (bound.api.attributedTotal / bound.n) : 0;
  const children = ferry ? (ferry.childCpuSeconds ?? 0) / Math.max(ferry.cpuSeconds ?? 0, 0.001) : 0;
  if (perApp > 3) {
    return `**Next step:** cut the API round trips of the first sync (${fmt(perApp, 1)}× the lower bound's per app): the dry run of each object that does not exist yet (today it only supplies the server's refusal message for a missing resource's health; the apply that follows reports the refusal too), and the namespace GET + apply of CreateNamespace when the namespace's watch already knows it. Then re-run this benchmark at N=1000.`;
  }
  if (children > 1)
    return '**Next step:** render cost dominates: fewer `helm template` processes (batch renders, or render once per chart+values digest across apps). Then re-run at N=1000.';
  return '**Next step:** run at N=1000 on a quiet machine to confirm the projections.';
}

export function findings(run: RunAtN): string {
  return [
    '### What holds Ferry back',
    '',
    ...timeFinding(run),
    ...helmTargetFinding(run),
    ...apiFinding(run),
    ...cpuFinding(run),
    ...reconcileFinding(run),
    '',
    nextStep(run),
  ].join('\n');
}
