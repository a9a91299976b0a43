/**
 * Kubernetes API requests counted by the apiserver itself (`apiserver_request_total`
 * on GET /metrics), diffed around a phase. The apiserver does not say which client
 * sent a request, so the diff holds every client; `attribute` splits off the bed's
 * own components (scheduler, controller-manager, kwok) by the resources only they
 * touch, and the harness subtracts the requests it sent itself.
 */
import { request } from 'node:https';

export interface ApiEndpoint {
  server: string;
  caPem: string;
  token: string;
}

/** Request counts keyed by `verb|group|resource|subresource|dryRun`. */
export type RequestCounts = Record<string, number>;

export interface SeriesKey {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  dryRun: boolean;
}

const WRITE_VERBS = new Set([
  'POST',
  'PUT',
  'PATCH',
  'APPLY',
  'DELETE',
  'DELETECOLLECTION',
  'CREATE',
  'UPDATE',
]);

function get(endpoint: ApiEndpoint, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, endpoint.server),
      { ca: endpoint.caPem, headers: { Authorization: `Bearer ${endpoint.token}` }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks).toString())
            : reject(new Error(`GET ${path}: HTTP ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

function labels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) out[m[1]!] = m[2]!;
  return out;
}

export function parseRequestTotals(metrics: string): RequestCounts {
  const counts: RequestCounts = {};
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const close = line.lastIndexOf('}');
    const l = labels(line.slice(line.indexOf('{') + 1, close));
    const key = [l.verb, l.group, l.resource, l.subresource, l.dry_run ? 'dry' : ''].join('|');
    counts[key] = (counts[key] ?? 0) + Number(line.slice(close + 1).trim());
  }
  return counts;
}

export async function scrapeRequests(endpoint: ApiEndpoint): Promise<RequestCounts> {
  return parseRequestTotals(await get(endpoint, '/metrics'));
}

export function diffCounts(before: RequestCounts, after: RequestCounts): RequestCounts {
  const out: RequestCounts = {};
  for (const [key, value] of Object.entries(after)) {
    const d = value - (before[key] ?? 0);
    if (d > 0) out[key] = d;
  }
  return out;
}

export function parseKey(key: string): SeriesKey {
  const [verb = '', group = '', resource = '', subresource = '', dry = ''] = key.split('|');
  return { verb, group, resource, subresource, dryRun: dry === 'dry' };
}

/**
 * Resources that only the bed's scheduler, controller-manager and kwok (or the
 * apiserver itself: ClusterIP allocation, the LimitRanger admission plugin) touch.
 */
const BED_RESOURCES = new Set([
  'pods',
  'ipaddresses',
  'limitranges',
  'replicasets',
  'nodes',
  'leases',
  'endpoints',
  'endpointslices',
  'bindings',
  'controllerrevisions',
]);

/** True for requests of the bed's own components rather than of the tool under test. */
export function isBedBackground(s: SeriesKey): boolean {
  if (BED_RESOURCES.has(s.resource)) return true;
  if (s.group === 'events.k8s.io') return true; // the scheduler's events
  // Status of built-in kinds is written by the controller-manager (Deployments) and
  // kwok; tools under test write status only on their own kinds.
  const ownKinds = new Set(['applications', 'helmreleases', 'helmrepositories', 'helmcharts']);
  return s.subresource === 'status' && !ownKinds.has(s.resource);
}

export function isWrite(s: SeriesKey): boolean {
  return WRITE_VERBS.has(s.verb) && !s.dryRun;
}

export interface ApiFigure {
  /** Every client, by verb (dry runs as "APPLY (dry run)" etc.). */
  allClients: Record<string, number>;
  /** Without the bed's components and the harness's own requests. */
  attributed: Record<string, number>;
  attributedTotal: number;
  /** Attributed requests that change state (not dry runs). */
  writes: number;
  dryRuns: number;
  /** Every series of the diff, for the raw JSON. */
  series: RequestCounts;
}

function verbLabel(s: SeriesKey): string {
  return s.dryRun ? `${s.verb} (dry run)` : s.verb;
}

/** What a phase did to the cluster, for the per-namespace and per-rollout corrections. */
export interface WorkloadShape {
  /** Namespaces created in the window: the controller-manager adds a ServiceAccount and a ConfigMap to each. */
  namespacesCreated: number;
}

function add(map: Record<string, number>, key: string, n: number): void {
  map[key] = Math.max(0, (map[key] ?? 0) + n);
}

/**
 * Requests the bed's controller-manager sends as a consequence of any workload: per new
 * namespace its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap (POSTs), and
 * one core Event per ReplicaSet and per Pod it creates.
 */
function workloadBackground(diff: RequestCounts, shape: WorkloadShape): Record<string, number> {
  const rollouts = (diff['POST|apps|replicasets||'] ?? 0) + (diff['POST||pods||'] ?? 0);
  return {
    'POST||serviceaccounts||': shape.namespacesCreated,
    'POST||configmaps||': shape.namespacesCreated,
    'POST||events||': rollouts,
  };
}

/**
 * Builds the figure for a phase: every client by verb, then what is left for the tool
 * under test once the bed's components (`isBedBackground`, `workloadBackground`) and
 * the harness's own requests (`own`, by verb) are taken out.
 */
export function apiFigure(
  diff: RequestCounts,
  own: Record<string, number> = {},
  shape: WorkloadShape = { namespacesCreated: 0 },
): ApiFigure {
  const allClients: Record<string, number> = {};
  const attributed: Record<string, number> = {};
  const background = workloadBackground(diff, shape);
  let writes = 0;
  let dryRuns = 0;
  for (const [key, count] of Object.entries(diff)) {
    const s = parseKey(key);
    const verb = verbLabel(s);
    add(allClients, verb, count);
    if (isBedBackground(s)) continue;
    const mine = Math.max(0, count - (background[key] ?? 0));
    add(attributed, verb, mine);
    if (isWrite(s)) writes += mine;
    if (s.dryRun) dryRuns += mine;
  }
  for (const [verb, count] of Object.entries(own)) {
    add(attributed, verb, -count);
    if (WRITE_VERBS.has(verb)) writes = Math.max(0, writes - count);
  }
  for (const verb of Object.keys(attributed)) if (attributed[verb] === 0) delete attributed[verb];
  const attributedTotal = Object.values(attributed).reduce((a, b) => a + b, 0);
  return { allClients, attributed, attributedTotal, writes, dryRuns, series: diff };
}
