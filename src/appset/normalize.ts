/**
 * Argo CD's NormalizeApplicationSpec, applied to generated Applications before they are
 * compared and written, so the ApplicationSet controller and the cluster agree: an empty
 * project is `default`, an empty syncPolicy and empty renderer blocks are dropped.
 */
import type { ApplicationSource, ApplicationSpec } from '../api/argo/index.js';
import { isPlainObject } from './params.js';

const TOOLS = ['helm', 'kustomize', 'directory', 'plugin'] as const;

function normalizeSource(source: ApplicationSource): ApplicationSource {
  const out = { ...source } as Record<string, unknown>;
  for (const tool of TOOLS)
    if (isPlainObject(out[tool]) && Object.keys(out[tool]).length === 0) delete out[tool];
  return out as unknown as ApplicationSource;
}

export function normalizeSpec(spec: ApplicationSpec): ApplicationSpec {
  const out: ApplicationSpec = { ...spec, project: spec.project || 'default' };
  if (isPlainObject(out.syncPolicy) && Object.keys(out.syncPolicy).length === 0) delete out.syncPolicy;
  if (out.sources?.length) out.sources = out.sources.map(normalizeSource);
  else if (out.source) out.source = normalizeSource(out.source);
  return out;
}
