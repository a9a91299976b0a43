/**
 * `status.summary.images`: the container images the Application's live workloads run,
 * as Argo CD lists them (Argo CD Image Updater reads the running tag from here).
 */
import type { KubeObject } from '../../kube/object.js';

interface PodSpecLike {
  containers?: Array<{ image?: string }>;
  initContainers?: Array<{ image?: string }>;
}

function podSpecOf(obj: KubeObject): PodSpecLike | undefined {
  const spec = (obj as { spec?: Record<string, unknown> }).spec;
  if (!spec) return undefined;
  if (obj.kind === 'Pod') return spec;
  if (obj.kind === 'CronJob')
    return (spec.jobTemplate as { spec?: { template?: { spec?: PodSpecLike } } } | undefined)?.spec?.template
      ?.spec;
  return (spec.template as { spec?: PodSpecLike } | undefined)?.spec;
}

/** Sorted, without duplicates. */
export function summaryImages(objects: Array<KubeObject | undefined>): string[] {
  const images = new Set<string>();
  for (const obj of objects) {
    const pod = obj && podSpecOf(obj);
    for (const c of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])])
      if (typeof c.image === 'string' && c.image) images.add(c.image);
  }
  return [...images].sort();
}
