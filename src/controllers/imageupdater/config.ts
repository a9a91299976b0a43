/**
 * The `argocd-image-updater-config` ConfigMap, as Argo CD Image Updater reads it:
 * `git.user`, `git.email`, `git.commit-message-template`, and `registries.conf`
 * (a YAML `registries:` list; Ferry uses `prefix`, `api_url` — `http://` means plain
 * HTTP —, `insecure`, `credentials`).
 */
import { parse } from 'yaml';
import type { Cluster } from '../../kube/cluster.js';
import { DEFAULT_AUTHOR } from '../../image/argo/commit.js';

export const CONFIG_MAP_NAME = 'argocd-image-updater-config';

export interface RegistryConfig {
  prefix: string;
  /** Plain HTTP: `api_url: http://…` or `insecure: yes`. */
  insecure: boolean;
  credentials?: string;
}

export interface UpdaterConfig {
  author: { name: string; email: string };
  commitMessageTemplate?: string;
  registries: RegistryConfig[];
}

export async function loadUpdaterConfig(home: Cluster, namespace: string): Promise<UpdaterConfig> {
  const cm = await home.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: CONFIG_MAP_NAME });
  return parseUpdaterConfig((cm?.data ?? {}) as Record<string, string>);
}

export function parseUpdaterConfig(data: Record<string, string>): UpdaterConfig {
  return {
    author: {
      name: data['git.user']?.trim() || DEFAULT_AUTHOR.name,
      email: data['git.email']?.trim() || DEFAULT_AUTHOR.email,
    },
    commitMessageTemplate: data['git.commit-message-template'] || undefined,
    registries: parseRegistries(data['registries.conf']),
  };
}

const truthy = (v: unknown): boolean => v === true || (typeof v === 'string' && /^(yes|true|on|1)$/i.test(v));

function parseRegistries(text: string | undefined): RegistryConfig[] {
  if (!text?.trim()) return [];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new Error(`${CONFIG_MAP_NAME} registries.conf: invalid YAML: ${(err as Error).message}`);
  }
  const list = (doc as { registries?: unknown } | null)?.registries;
  if (!Array.isArray(list)) return [];
  return list.map((entry: Record<string, unknown>) => {
    const apiUrl = typeof entry.api_url === 'string' ? entry.api_url : '';
    const prefix =
      typeof entry.prefix === 'string' && entry.prefix
        ? entry.prefix
        : apiUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    return {
      prefix,
      insecure: apiUrl.startsWith('http://') || truthy(entry.insecure),
      credentials: typeof entry.credentials === 'string' ? entry.credentials : undefined,
    };
  });
}

/** The registries.conf entry for an image's registry (the longest matching prefix). */
export function registryFor(config: UpdaterConfig, image: string): RegistryConfig | undefined {
  return config.registries
    .filter((r) => r.prefix && (image === r.prefix || image.startsWith(`${r.prefix}/`)))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
}
