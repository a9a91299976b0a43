/**
 * The OpenAPI schema of argoproj.io/v1alpha1 Application: every field Argo CD's Go types declare
 * for spec and operation, so strict field validation rejects a misspelt field. Status is written
 * by the controller and kept free-form.
 */
import { applicationSourceSchema, sourceHydratorSchema } from './source-schema.js';
import { arr, bool, freeform, int, obj, str, strList, strMap, type SchemaNode } from './schema.js';

function destinationSchema(): SchemaNode {
  return obj(
    {
      server: str('API server URL of the target cluster; set this or name'),
      name: str('Name of the target cluster; set this or server'),
      namespace: str('Namespace for namespaced resources that do not set one'),
    },
    undefined,
    'Target cluster and namespace',
  );
}

export function retrySchema(): SchemaNode {
  const backoff = obj({
    duration: str('Base delay: a Go duration ("5s", "2m") or a number of seconds'),
    factor: int('Multiplier applied to the delay after each failed attempt'),
    maxDuration: str('Upper bound of the delay, same syntax as duration'),
  });
  return obj(
    {
      limit: int('Maximum number of retries; negative means unlimited'),
      backoff,
      refresh: bool('Retry with the latest revision instead of the one first attempted'),
    },
    undefined,
    'How failed syncs are retried',
  );
}

function syncPolicySchema(): SchemaNode {
  const automated = obj({ prune: bool(), selfHeal: bool(), allowEmpty: bool(), enabled: bool() });
  return obj(
    {
      automated,
      syncOptions: strList('Name=value options for every sync of this application'),
      retry: retrySchema(),
      managedNamespaceMetadata: obj({ labels: strMap(), annotations: strMap() }),
    },
    undefined,
    'When and how syncs run',
  );
}

function ignoreDifferencesSchema(): SchemaNode {
  const item = obj(
    {
      group: str(),
      kind: str(),
      name: str(),
      namespace: str(),
      jsonPointers: strList(),
      jqPathExpressions: strList(),
      managedFieldsManagers: strList(),
    },
    ['kind'],
  );
  return arr(item, 'Fields left out of the comparison with live state');
}

const infoItem = (): SchemaNode => obj({ name: str(), value: str() }, ['name', 'value']);

function specSchema(): SchemaNode {
  return obj(
    {
      source: applicationSourceSchema('Where the manifests or chart come from'),
      sources: arr(applicationSourceSchema(), 'Several sources, rendered together'),
      sourceHydrator: sourceHydratorSchema(),
      destination: destinationSchema(),
      project: str('AppProject the application belongs to; empty means "default"'),
      syncPolicy: syncPolicySchema(),
      ignoreDifferences: ignoreDifferencesSchema(),
      info: arr(infoItem()),
      revisionHistoryLimit: int('Number of history entries kept (default 10)'),
    },
    ['destination', 'project'],
  );
}

export function operationSchema(): SchemaNode {
  const apply = obj({ force: bool() });
  const sync = obj({
    revision: str(),
    revisions: strList(),
    prune: bool(),
    dryRun: bool(),
    syncStrategy: obj({ apply, hook: obj({ force: bool() }) }),
    resources: arr(obj({ group: str(), kind: str(), name: str(), namespace: str() }, ['kind', 'name'])),
    source: applicationSourceSchema(),
    sources: arr(applicationSourceSchema()),
    manifests: strList(),
    syncOptions: strList(),
    autoHealAttemptsCount: int(),
  });
  return obj(
    {
      sync,
      initiatedBy: obj({ username: str(), automated: bool() }),
      info: arr(infoItem()),
      retry: retrySchema(),
    },
    undefined,
    'A requested or running operation',
  );
}

export function applicationSchema(): SchemaNode {
  return obj(
    {
      apiVersion: str(),
      kind: str(),
      metadata: { type: 'object' },
      spec: specSchema(),
      operation: operationSchema(),
      status: freeform('Observed state, written by the controller'),
    },
    ['metadata', 'spec'],
    'An Argo CD Application: a source of manifests synced to a destination',
  );
}
