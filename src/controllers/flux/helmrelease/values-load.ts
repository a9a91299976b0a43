/** Reading the ConfigMaps and Secrets a HelmRelease's valuesFrom names (each object once). */
import type { ValuesReference } from '../../../api/flux/index.js';
import type { Cluster } from '../../../kube/cluster.js';
import { secretData } from '../secrets.js';
import type { LoadedReference } from './values.js';

export async function loadValuesReferences(
  home: Cluster,
  namespace: string,
  refs: ValuesReference[],
): Promise<LoadedReference[]> {
  const cache = new Map<string, Promise<Record<string, string> | undefined>>();
  const read = (ref: ValuesReference): Promise<Record<string, string> | undefined> => {
    const key = `${ref.kind}/${ref.name}`;
    let data = cache.get(key);
    if (!data) {
      data = home.get({ apiVersion: 'v1', kind: ref.kind, namespace, name: ref.name }).then((obj) => {
        if (!obj) return undefined;
        return ref.kind === 'Secret' ? secretData(obj) : ((obj.data ?? {}) as Record<string, string>);
      });
      cache.set(key, data);
    }
    return data;
  };
  const loaded: LoadedReference[] = [];
  for (const ref of refs) {
    const data = await read(ref);
    loaded.push(data ? { ref, found: true, data } : { ref, found: false });
  }
  return loaded;
}
