/** Helpers for the image reflector integration tests: objects, Secrets, waits, Events by kind. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ImagePolicy, ImageRepository } from '../../src/api/image/index.js';
import type { Cluster } from '../../src/kube/cluster.js';
import type { KubeObject } from '../../src/kube/object.js';
import { projectRoot } from '../../src/util/paths.js';
import { eventually } from '../support/kube.js';

export const ready = (o: {
  status?: { conditions?: Array<{ type: string; status: string }> };
}): string | undefined => o.status?.conditions?.find((c) => c.type === 'Ready')?.status;

export const readyCondition = (o: {
  status?: { conditions?: Array<{ type: string; status: string; reason: string; message: string }> };
}): { status: string; reason: string; message: string } | undefined =>
  o.status?.conditions?.find((c) => c.type === 'Ready');

/** Every YAML document of the seed's section `heading` (the Flux image block has two). */
export function seedDocuments(heading: string): KubeObject[] {
  // The seed sits beside the checkout (../shared), or two levels up from a worktree.
  const candidates = [join(projectRoot(), '..', 'shared'), join(projectRoot(), '..', '..', 'shared')].map(
    (dir) => join(dir, 'seed', 'gitops-integration-patterns.md'),
  );
  const file = candidates.find((c) => existsSync(c)) ?? candidates[0]!;
  const seed = readFileSync(file, 'utf8');
  const at = seed.indexOf(`### ${heading}`);
  if (at < 0) throw new Error(`the seed has no section "${heading}"`);
  const block = /```yaml\n([\s\S]*?)```/.exec(seed.slice(at))![1]!;
  return parseAllDocuments(block).map((d) => d.toJS() as KubeObject);
}

/** A kubernetes.io/dockerconfigjson Secret for `host`, as `kubectl create secret docker-registry` makes it. */
export function dockerConfigSecret(
  namespace: string,
  name: string,
  { host, username, password }: { host: string; username: string; password: string },
): KubeObject {
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'kubernetes.io/dockerconfigjson',
    stringData: { '.dockerconfigjson': JSON.stringify({ auths: { [host]: { username, password, auth } } }) },
  };
}

export function imageRepository(
  namespace: string,
  name: string,
  image: string,
  spec: Partial<ImageRepository['spec']> = {},
): ImageRepository {
  return {
    apiVersion: 'image.toolkit.fluxcd.io/v1beta2',
    kind: 'ImageRepository',
    metadata: { name, namespace },
    spec: { image, interval: '1m', insecure: true, secretRef: { name: 'registry-creds' }, ...spec },
  };
}

export function imagePolicy(
  namespace: string,
  name: string,
  repository: string,
  spec: Partial<ImagePolicy['spec']>,
): ImagePolicy {
  return {
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImagePolicy',
    metadata: { name, namespace },
    spec: { imageRepositoryRef: { name: repository }, policy: {}, ...spec },
  };
}

export async function getImageObject<T extends KubeObject>(
  home: Cluster,
  kind: 'ImageRepository' | 'ImagePolicy',
  namespace: string,
  name: string,
): Promise<T> {
  const obj = await home.get({ apiVersion: 'image.toolkit.fluxcd.io/v1', kind, namespace, name });
  if (!obj) throw new Error(`${kind} ${namespace}/${name} not found`);
  return obj as T;
}

export function waitFor<T extends KubeObject>(
  home: Cluster,
  kind: 'ImageRepository' | 'ImagePolicy',
  key: string,
  done: (obj: T) => boolean,
): Promise<T> {
  const [namespace = '', name = ''] = key.split('/');
  return eventually(() => getImageObject<T>(home, kind, namespace, name), done, {
    timeoutMs: 60_000,
    intervalMs: 250,
  });
}

export interface EventView {
  type: string;
  reason: string;
  message: string;
}

/** Events on the object of `kind` named `name` (an ImageRepository and an ImagePolicy may share a name). */
export async function eventsOf(
  home: Cluster,
  kind: string,
  namespace: string,
  name: string,
): Promise<EventView[]> {
  const events = await home.list('v1', 'Event', { namespace });
  return events
    .filter((e) => {
      const involved = e.involvedObject as { name?: string; kind?: string };
      return involved.name === name && involved.kind === kind;
    })
    .map((e) => e as unknown as EventView & { firstTimestamp: string })
    .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp));
}

export async function requestReconcile(
  home: Cluster,
  kind: string,
  namespace: string,
  name: string,
): Promise<void> {
  await home.mergePatch(
    { apiVersion: 'image.toolkit.fluxcd.io/v1', kind, namespace, name },
    { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() } } },
  );
}
