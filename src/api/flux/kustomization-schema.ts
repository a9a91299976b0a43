/** OpenAPI schema of kustomize.toolkit.fluxcd.io/v1 Kustomization, field for field as in Flux. */
import { arr, strList, strMap } from '../argo/schema.js';
import type { SchemaNode } from '../argo/schema.js';
import {
  bool,
  duration,
  labelsAndAnnotations,
  namespacedRef,
  obj,
  objectSchema,
  str,
} from './common-schema.js';

const enumOf = (values: string[]): SchemaNode => ({ type: 'string', enum: values });

function selectorSchema(): SchemaNode {
  return obj({
    group: str(),
    version: str(),
    kind: str(),
    name: str(),
    namespace: str(),
    annotationSelector: str(),
    labelSelector: str(),
  });
}

function postBuildSchema(): SchemaNode {
  const from = obj({ kind: enumOf(['ConfigMap', 'Secret']), name: str(), optional: bool() }, [
    'kind',
    'name',
  ]);
  return obj({
    substitute: strMap('Variables for ${var} substitution in the built manifests'),
    substituteFrom: arr(from),
  });
}

function specSchema(): SchemaNode {
  const sourceRef = obj(
    {
      apiVersion: str(),
      kind: enumOf(['OCIRepository', 'GitRepository', 'Bucket']),
      name: str(),
      namespace: str(),
    },
    ['kind', 'name'],
  );
  const healthCheck = obj({ apiVersion: str(), kind: str(), name: str(), namespace: str() }, [
    'kind',
    'name',
  ]);
  const image = obj({ name: str(), newName: str(), newTag: str(), digest: str() }, ['name']);
  return obj(
    {
      sourceRef,
      path: str('Path in the source to build; default its root'),
      interval: duration(),
      retryInterval: duration(),
      timeout: duration(),
      prune: bool(),
      deletionPolicy: enumOf(['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan']),
      targetNamespace: str(),
      namePrefix: str(),
      nameSuffix: str(),
      commonMetadata: labelsAndAnnotations(),
      dependsOn: arr(namespacedRef()),
      wait: bool(),
      healthChecks: arr(healthCheck),
      patches: arr(obj({ patch: str(), target: selectorSchema() }, ['patch'])),
      images: arr(image),
      components: strList(),
      postBuild: postBuildSchema(),
      suspend: bool(),
      force: bool(),
      kubeConfig: obj({ secretRef: obj({ name: str(), key: str() }, ['name']) }, ['secretRef']),
      serviceAccountName: str(),
      decryption: obj({ provider: str(), secretRef: obj({ name: str() }, ['name']) }),
    },
    ['interval', 'prune', 'sourceRef'],
  );
}

export function kustomizationSchema(): SchemaNode {
  return objectSchema(specSchema(), 'A Flux Kustomization: build a path of a source and apply it');
}
