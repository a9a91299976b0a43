/**
 * The images an automation writes: the latest image of every ImagePolicy in its namespace
 * (those matching `policySelector` when set), keyed `namespace:name` as setter markers
 * name them. v1 policies report `status.latestRef {name, tag, digest}`, v1beta2 ones a
 * `status.latestImage` string; a policy without either (not ready yet) is left out.
 */
import {
  IMAGE_GROUP,
  type ImagePolicy,
  type ImageRef,
  type ImageUpdateAutomation,
} from '../../api/image/index.js';
import { compileSelector } from '../../appset/selector.js';
import type { Cluster } from '../../kube/cluster.js';
import type { PolicyImage } from '../../image/setters/index.js';

/** Splits `host:5000/org/app:1.0.0@sha256:…` into name, tag and digest. */
export function parseImage(image: string): ImageRef | undefined {
  const [ref = '', digest] = image.split('@');
  const colon = ref.lastIndexOf(':');
  if (colon <= ref.lastIndexOf('/')) return undefined;
  return { name: ref.slice(0, colon), tag: ref.slice(colon + 1), ...(digest ? { digest } : {}) };
}

export function latestOf(policy: ImagePolicy): ImageRef | undefined {
  const ref = policy.status?.latestRef;
  if (ref?.name && ref.tag) return ref;
  return policy.status?.latestImage ? parseImage(policy.status.latestImage) : undefined;
}

async function listPolicies(home: Cluster, namespace: string): Promise<ImagePolicy[]> {
  let lastError: unknown;
  for (const version of ['v1', 'v1beta2']) {
    try {
      return (await home.list(`${IMAGE_GROUP}/${version}`, 'ImagePolicy', {
        namespace,
      })) as ImagePolicy[];
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`cannot list ImagePolicies in ${namespace}: ${(lastError as Error).message}`);
}

export interface PolicyImages {
  images: Map<string, PolicyImage>;
  /** name → image of the policies used (status.observedPolicies). */
  observed: Record<string, ImageRef>;
}

export async function policyImages(home: Cluster, auto: ImageUpdateAutomation): Promise<PolicyImages> {
  const namespace = auto.metadata.namespace ?? 'default';
  const matches = compileSelector(auto.spec.policySelector);
  const images = new Map<string, PolicyImage>();
  const observed: Record<string, ImageRef> = {};
  for (const policy of await listPolicies(home, namespace)) {
    const latest = latestOf(policy);
    if (!latest || !matches(policy.metadata.labels ?? {})) continue;
    const name = policy.metadata.name ?? '';
    images.set(`${namespace}:${name}`, latest);
    observed[name] = latest;
  }
  return { images, observed };
}
