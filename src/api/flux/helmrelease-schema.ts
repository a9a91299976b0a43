/** OpenAPI schema of helm.toolkit.fluxcd.io/v2 HelmRelease, field for field as in Flux. */
import { arr, int, strList } from '../argo/schema.js';
import type { SchemaNode } from '../argo/schema.js';
import {
  bool,
  duration,
  freeform,
  labelsAndAnnotations,
  localRef,
  namespacedRef,
  obj,
  objectSchema,
  str,
} from './common-schema.js';

const enumOf = (values: string[]): SchemaNode => ({ type: 'string', enum: values });

function chartTemplateSchema(): SchemaNode {
  const sourceRef = obj(
    {
      apiVersion: str(),
      kind: enumOf(['HelmRepository', 'GitRepository', 'Bucket']),
      name: str(),
      namespace: str(),
    },
    ['name'],
  );
  const spec = obj(
    {
      chart: str(),
      version: str(),
      sourceRef,
      interval: duration(),
      reconcileStrategy: enumOf(['ChartVersion', 'Revision']),
      valuesFiles: strList(),
      valuesFile: str(),
      ignoreMissingValuesFiles: bool(),
      verify: obj({ provider: enumOf(['cosign', 'notation']), secretRef: localRef() }, ['provider']),
    },
    ['chart', 'sourceRef'],
  );
  return obj(
    { metadata: labelsAndAnnotations(), spec },
    ['spec'],
    'Template of the HelmChart made for this release',
  );
}

function remediationSchema(withStrategy: boolean): SchemaNode {
  const fields: Record<string, SchemaNode> = {
    retries: int('Retries before giving up; negative means unlimited'),
    ignoreTestFailures: bool(),
    remediateLastFailure: bool(),
  };
  if (withStrategy) fields.strategy = enumOf(['rollback', 'uninstall']);
  return obj(fields);
}

const common = (): Record<string, SchemaNode> => ({
  timeout: duration(),
  disableWait: bool(),
  disableWaitForJobs: bool(),
  disableHooks: bool(),
});

function actionsSchemas(): Record<string, SchemaNode> {
  const crds = enumOf(['Skip', 'Create', 'CreateReplace']);
  return {
    install: obj({
      ...common(),
      remediation: remediationSchema(false),
      disableOpenAPIValidation: bool(),
      replace: bool(),
      skipCRDs: bool(),
      crds,
      createNamespace: bool(),
    }),
    upgrade: obj({
      ...common(),
      remediation: remediationSchema(true),
      disableOpenAPIValidation: bool(),
      force: bool(),
      preserveValues: bool(),
      cleanupOnFail: bool(),
      crds,
    }),
    test: obj({
      enable: bool(),
      timeout: duration(),
      ignoreFailures: bool(),
      filters: arr(obj({ name: str(), exclude: bool() }, ['name'])),
    }),
    rollback: obj({ ...common(), recreate: bool(), force: bool(), cleanupOnFail: bool() }),
    uninstall: obj({
      timeout: duration(),
      disableHooks: bool(),
      keepHistory: bool(),
      disableWait: bool(),
      deletionPropagation: enumOf(['background', 'foreground', 'orphan']),
    }),
  };
}

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

function postRenderersSchema(): SchemaNode {
  const op = obj(
    { op: str(), path: str(), from: str(), value: { 'x-kubernetes-preserve-unknown-fields': true } },
    ['op', 'path'],
  );
  const kustomize = obj({
    patches: arr(obj({ patch: str(), target: selectorSchema() }, ['patch'])),
    patchesStrategicMerge: arr(freeform()),
    patchesJson6902: arr(obj({ patch: arr(op), target: selectorSchema() }, ['patch', 'target'])),
    images: arr(obj({ name: str(), newName: str(), newTag: str(), digest: str() }, ['name'])),
  });
  return arr(obj({ kustomize }));
}

function specSchema(): SchemaNode {
  const valuesRef = obj(
    {
      kind: enumOf(['Secret', 'ConfigMap']),
      name: str(),
      valuesKey: str('Data key holding the values; default values.yaml'),
      targetPath: str('Dot path the value is set at, as helm --set takes it'),
      optional: bool(),
    },
    ['kind', 'name'],
  );
  const chartRef = obj(
    { apiVersion: str(), kind: enumOf(['OCIRepository', 'HelmChart']), name: str(), namespace: str() },
    ['kind', 'name'],
  );
  const drift = obj({
    mode: enumOf(['enabled', 'warn', 'disabled']),
    ignore: arr(obj({ paths: strList(), target: selectorSchema() }, ['paths'])),
  });
  return obj(
    {
      chart: chartTemplateSchema(),
      chartRef,
      interval: duration(),
      kubeConfig: obj({ secretRef: obj({ name: str(), key: str() }, ['name']) }, ['secretRef']),
      suspend: bool(),
      releaseName: str(),
      targetNamespace: str(),
      storageNamespace: str(),
      dependsOn: arr(namespacedRef()),
      timeout: duration(),
      maxHistory: int('Helm revisions kept; 0 means unlimited, default 5'),
      serviceAccountName: str(),
      persistentClient: bool(),
      driftDetection: drift,
      ...actionsSchemas(),
      valuesFrom: arr(valuesRef),
      values: freeform('Helm values, merged over the chart defaults and valuesFrom'),
      postRenderers: postRenderersSchema(),
      commonMetadata: labelsAndAnnotations(),
    },
    ['interval'],
  );
}

export function helmReleaseSchema(): SchemaNode {
  return objectSchema(
    specSchema(),
    'A Flux HelmRelease: a Helm release kept in line with a chart and values',
  );
}
