/**
 * The OpenAPI schema of argoproj.io/v1alpha1 AppProject, every field of Argo CD's AppProjectSpec.
 */
import { arr, bool, int, mapOf, obj, str, strList, type SchemaNode } from './schema.js';

const groupKind = (): SchemaNode => obj({ group: str(), kind: str() }, ['group', 'kind']);

/** Cluster-scoped lists also take an optional name glob (newer Argo CD releases). */
const clusterResource = (): SchemaNode => obj({ group: str(), kind: str(), name: str() }, ['group', 'kind']);

const jwtToken = (): SchemaNode => obj({ iat: int(), exp: int(), id: str() }, ['iat']);

function roleSchema(): SchemaNode {
  return obj(
    {
      name: str(),
      description: str(),
      policies: strList(
        'Casbin policy lines: p, proj:<project>:<role>, <resource>, <action>, <object>, <effect>',
      ),
      groups: strList('OIDC groups bound to the role'),
      jwtTokens: arr(jwtToken()),
    },
    ['name'],
  );
}

function syncWindowSchema(): SchemaNode {
  return obj({
    kind: str('allow or deny'),
    schedule: str('Cron expression for the start of the window'),
    duration: str('Go duration the window stays open'),
    applications: strList(),
    namespaces: strList(),
    clusters: strList(),
    manualSync: bool(),
    timeZone: str(),
    andOperator: bool('Match applications AND clusters AND namespaces instead of OR'),
  });
}

function specSchema(): SchemaNode {
  return obj({
    description: str(),
    sourceRepos: strList('Repository URL globs; a leading ! denies'),
    sourceNamespaces: strList('Namespaces Applications of this project may live in'),
    destinations: arr(obj({ server: str(), name: str(), namespace: str() }), 'Permitted destinations'),
    clusterResourceWhitelist: arr(clusterResource()),
    clusterResourceBlacklist: arr(clusterResource()),
    namespaceResourceWhitelist: arr(groupKind()),
    namespaceResourceBlacklist: arr(groupKind()),
    roles: arr(roleSchema()),
    syncWindows: arr(syncWindowSchema()),
    orphanedResources: obj({ warn: bool(), ignore: arr(obj({ group: str(), kind: str(), name: str() })) }),
    signatureKeys: arr(obj({ keyID: str() }, ['keyID'])),
    permitOnlyProjectScopedClusters: bool(),
    destinationServiceAccounts: arr(
      obj({ server: str(), namespace: str(), defaultServiceAccount: str() }, [
        'server',
        'defaultServiceAccount',
      ]),
    ),
  });
}

export function appProjectSchema(): SchemaNode {
  return obj(
    {
      apiVersion: str(),
      kind: str(),
      metadata: { type: 'object' },
      spec: specSchema(),
      status: obj({ jwtTokensByRole: mapOf(obj({ items: arr(jwtToken()) })) }),
    },
    ['metadata', 'spec'],
    'An Argo CD AppProject: what applications may deploy, from where, to where',
  );
}
