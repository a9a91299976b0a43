/**
 * The OpenAPI schema of argoproj.io/v1alpha1 ApplicationSet, field for field as Argo CD's Go
 * types declare them, so strict field validation rejects `spec.generator` or
 * `spec.template.spec.sourc`. The template's spec is the Application spec (application-schema.ts).
 * Free-form content only where Argo CD has it: list elements, nested matrix/merge generators,
 * and the generators Ferry does not run yet.
 */
import { applicationSchema } from './application-schema.js';
import { arr, bool, freeform, int, obj, str, strList, strMap, type SchemaNode } from './schema.js';

/** Any JSON value, kept as written (apiextensionsv1.JSON). */
const anyValue = (description?: string): SchemaNode => ({
  'x-kubernetes-preserve-unknown-fields': true,
  ...(description === undefined ? {} : { description }),
});

function labelSelectorSchema(description?: string): SchemaNode {
  const expression = obj({ key: str(), operator: str(), values: strList() }, ['key', 'operator']);
  return obj({ matchLabels: strMap(), matchExpressions: arr(expression) }, undefined, description);
}

function templateSchema(description?: string): SchemaNode {
  const spec = applicationSchema().properties?.spec ?? freeform();
  const metadata = obj({
    name: str('Name of the generated Application (templated)'),
    namespace: str(),
    labels: strMap(),
    annotations: strMap(),
    finalizers: strList(),
  });
  return obj({ metadata, spec }, ['metadata', 'spec'], description);
}

function gitSchema(): SchemaNode {
  const item = (): SchemaNode => obj({ path: str(), exclude: bool() }, ['path']);
  return obj(
    {
      repoURL: str(),
      revision: str(),
      directories: arr(item(), 'Directories matched with Go path.Match globs'),
      files: arr(item(), 'JSON or YAML files matched with git pathspecs'),
      pathParamPrefix: str(),
      values: strMap(),
      requeueAfterSeconds: int(),
      template: templateSchema(),
    },
    ['repoURL', 'revision'],
  );
}

/** list, clusters and git: what every generator level may hold. */
function terminalSchemas(): Record<string, SchemaNode> {
  return {
    list: obj({
      elements: arr(anyValue(), 'One parameter set per element'),
      elementsYaml: str('More elements, as a YAML list'),
      template: templateSchema(),
    }),
    clusters: obj({
      selector: labelSelectorSchema('Cluster Secrets to use, by label'),
      values: strMap('Extra parameters values.<key>'),
      flatList: bool(),
      template: templateSchema(),
    }),
    git: gitSchema(),
    scmProvider: freeform('Not run by Ferry yet'),
    clusterDecisionResource: freeform('Not run by Ferry yet'),
    pullRequest: freeform('Not run by Ferry yet'),
    plugin: freeform('Not run by Ferry yet'),
    oci: freeform('Not run by Ferry yet'),
    selector: labelSelectorSchema('Post selector over the generated parameters'),
  };
}

function nestedGeneratorSchema(): SchemaNode {
  return obj({
    ...terminalSchemas(),
    matrix: anyValue('A nested matrix of terminal generators'),
    merge: anyValue('A nested merge of terminal generators'),
  });
}

function generatorSchema(): SchemaNode {
  const nested = arr(nestedGeneratorSchema());
  return obj({
    ...terminalSchemas(),
    matrix: obj({ generators: nested, template: templateSchema() }, ['generators']),
    merge: obj({ generators: nested, mergeKeys: strList(), template: templateSchema() }, [
      'generators',
      'mergeKeys',
    ]),
  });
}

function specSchema(): SchemaNode {
  const ignoreDifferences = obj({ name: str(), jsonPointers: strList(), jqPathExpressions: strList() });
  const applicationsSync: SchemaNode = {
    type: 'string',
    enum: ['create-only', 'create-update', 'create-delete', 'sync'],
  };
  return obj(
    {
      goTemplate: bool('Render the template with Go text/template and Sprig'),
      goTemplateOptions: strList('text/template options, e.g. missingkey=error'),
      generators: arr(generatorSchema(), 'Where the parameter sets come from'),
      template: templateSchema('The Application each parameter set is rendered into'),
      syncPolicy: obj({ preserveResourcesOnDeletion: bool(), applicationsSync }),
      strategy: freeform('Progressive syncs (not run by Ferry yet)'),
      preservedFields: obj({ annotations: strList(), labels: strList() }),
      applyNestedSelectors: bool(),
      ignoreApplicationDifferences: arr(ignoreDifferences),
      templatePatch: str('A patch (YAML or JSON, templated) applied to every generated Application'),
    },
    ['generators', 'template'],
  );
}

function statusSchema(): SchemaNode {
  const condition = obj(
    { type: str(), status: str(), reason: str(), message: str(), lastTransitionTime: str() },
    ['type', 'status', 'reason', 'message'],
  );
  const health = obj({ status: str(), message: str(), lastTransitionTime: str() });
  const resource = obj({
    group: str(),
    version: str(),
    kind: str(),
    namespace: str(),
    name: str(),
    status: str(),
    health,
    hook: bool(),
    requiresPruning: bool(),
    requiresDeletionConfirmation: bool(),
    syncWave: int(),
  });
  return obj(
    {
      conditions: arr(condition),
      resources: arr(resource),
      resourcesCount: int(),
      health,
      applicationStatus: arr(freeform()),
    },
    undefined,
    'Observed state, written by the controller',
  );
}

export function applicationSetSchema(): SchemaNode {
  return obj(
    {
      apiVersion: str(),
      kind: str(),
      metadata: { type: 'object' },
      spec: specSchema(),
      status: statusSchema(),
    },
    ['metadata', 'spec'],
    'An Argo CD ApplicationSet: Applications generated from a template and parameter sets',
  );
}
