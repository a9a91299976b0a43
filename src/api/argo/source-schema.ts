/**
 * The schema of an ApplicationSource (spec.source, each of spec.sources, and the copies Argo CD
 * keeps in operation and history), field for field as Argo CD's Go types declare them.
 */
import {
  arr,
  bool,
  freeform,
  intOrString,
  mapOf,
  obj,
  str,
  strList,
  strMap,
  type SchemaNode,
} from './schema.js';

function helmSchema(): SchemaNode {
  return obj(
    {
      valueFiles: strList('Helm value files, relative to the source path'),
      values: str('Helm values as a YAML block; valuesObject wins when both are set'),
      valuesObject: freeform('Helm values as a map; takes precedence over values'),
      parameters: arr(obj({ name: str(), value: str(), forceString: bool() }), 'Helm --set parameters'),
      fileParameters: arr(obj({ name: str(), path: str() }), 'Helm --set-file parameters'),
      releaseName: str('Release name; defaults to the application name'),
      version: str('Helm version to template with'),
      passCredentials: bool(),
      ignoreMissingValueFiles: bool(),
      skipCrds: bool(),
      skipTests: bool(),
      skipSchemaValidation: bool(),
      namespace: str('Namespace to template with; defaults to the destination namespace'),
      kubeVersion: str(),
      apiVersions: strList(),
    },
    undefined,
    'Helm specific options',
  );
}

function kustomizePatchSchema(): SchemaNode {
  const target = obj({
    group: str(),
    version: str(),
    kind: str(),
    name: str(),
    namespace: str(),
    labelSelector: str(),
    annotationSelector: str(),
  });
  return obj({ path: str(), patch: str(), target, options: mapOf(bool()) });
}

function kustomizeSchema(): SchemaNode {
  return obj(
    {
      namePrefix: str(),
      nameSuffix: str(),
      images: strList('Image overrides: [old_name=]name[:tag|@digest]'),
      commonLabels: strMap(),
      commonAnnotations: strMap(),
      commonAnnotationsEnvsubst: bool(),
      forceCommonLabels: bool(),
      forceCommonAnnotations: bool(),
      labelWithoutSelector: bool(),
      labelIncludeTemplates: bool(),
      version: str(),
      namespace: str(),
      replicas: arr(obj({ name: str(), count: intOrString() }, ['name', 'count'])),
      patches: arr(kustomizePatchSchema()),
      components: strList(),
      ignoreMissingComponents: bool(),
      kubeVersion: str(),
      apiVersions: strList(),
    },
    undefined,
    'Kustomize specific options',
  );
}

function directorySchema(): SchemaNode {
  const jsonnetVar = (): SchemaNode => obj({ name: str(), value: str(), code: bool() }, ['name', 'value']);
  const jsonnet = obj({ extVars: arr(jsonnetVar()), tlas: arr(jsonnetVar()), libs: strList() });
  return obj(
    { recurse: bool(), include: str(), exclude: str(), jsonnet },
    undefined,
    'Options for plain YAML or Jsonnet directories',
  );
}

function pluginSchema(): SchemaNode {
  return obj(
    {
      name: str(),
      env: arr(obj({ name: str(), value: str() }, ['name', 'value'])),
      parameters: arr(obj({ name: str(), string: str(), map: strMap(), array: strList() })),
    },
    undefined,
    'Config management plugin options',
  );
}

/** The renderer blocks a source may carry; Argo CD accepts at most one of them per source. */
export function toolSchemas(): Record<string, SchemaNode> {
  return {
    helm: helmSchema(),
    kustomize: kustomizeSchema(),
    directory: directorySchema(),
    plugin: pluginSchema(),
  };
}

export function applicationSourceSchema(description?: string): SchemaNode {
  return obj(
    {
      repoURL: str('URL of the Git repository, Helm repository or OCI registry'),
      path: str('Directory within a Git repository'),
      targetRevision: str('Git commit, tag or branch, or Helm chart version; HEAD when omitted'),
      chart: str('Helm chart name, for charts pulled from a Helm repository'),
      ref: str('Name other sources use to refer to this one ($ref/...), in multi-source apps'),
      name: str('Display name of the source, in multi-source apps'),
      ...toolSchemas(),
    },
    ['repoURL'],
    description,
  );
}

/** spec.sourceHydrator: a dry source rendered and pushed to a branch, then synced from there. */
export function sourceHydratorSchema(): SchemaNode {
  const drySource = obj({ repoURL: str(), targetRevision: str(), path: str(), ...toolSchemas() }, [
    'repoURL',
    'targetRevision',
    'path',
  ]);
  const syncSource = obj({ targetBranch: str(), path: str() }, ['targetBranch', 'path']);
  const hydrateTo = obj({ targetBranch: str() }, ['targetBranch']);
  return obj({ drySource, syncSource, hydrateTo }, ['drySource', 'syncSource'], 'Source hydrator');
}
