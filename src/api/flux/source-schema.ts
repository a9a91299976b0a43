/** OpenAPI schemas of the source.toolkit.fluxcd.io kinds, field for field as in Flux. */
import { arr, strList } from '../argo/schema.js';
import type { SchemaNode } from '../argo/schema.js';
import {
  accessFromSchema,
  bool,
  duration,
  localRef,
  obj,
  objectSchema,
  str,
  verifySchema,
} from './common-schema.js';

const enumOf = (values: string[], description?: string): SchemaNode => ({
  type: 'string',
  enum: values,
  ...(description ? { description } : {}),
});

export function helmRepositorySchema(): SchemaNode {
  const spec = obj(
    {
      url: str('Helm repository URL: http(s):// index, or oci:// registry path'),
      secretRef: localRef('Secret with username/password (or a docker config) for the repository'),
      certSecretRef: localRef(),
      passCredentials: bool(),
      interval: duration('How often to fetch the index'),
      insecure: bool('Allow plain HTTP connections to an OCI registry'),
      timeout: duration(),
      suspend: bool(),
      accessFrom: accessFromSchema(),
      type: enumOf(['default', 'oci'], 'default: an HTTP index; oci: an OCI registry'),
      provider: enumOf(['generic', 'aws', 'azure', 'gcp']),
    },
    ['url'],
  );
  return objectSchema(spec, 'A Flux HelmRepository: an HTTP chart index or an OCI registry');
}

export function gitRepositorySchema(): SchemaNode {
  const ref = obj({ branch: str(), tag: str(), semver: str(), name: str(), commit: str() });
  const include = obj({ repository: localRef(), fromPath: str(), toPath: str() }, ['repository']);
  const spec = obj(
    {
      url: str('http(s):// or ssh:// repository URL'),
      secretRef: localRef(),
      provider: enumOf(['generic', 'azure', 'github']),
      interval: duration(),
      timeout: duration(),
      ref,
      verify: obj({ mode: enumOf(['HEAD', 'Tag', 'TagAndHEAD']), secretRef: localRef() }, ['secretRef']),
      proxySecretRef: localRef(),
      ignore: str('.gitignore-style patterns left out of the artifact'),
      suspend: bool(),
      recurseSubmodules: bool(),
      include: arr(include),
      sparseCheckout: strList(),
      serviceAccountName: str(),
    },
    ['url', 'interval'],
  );
  return objectSchema(
    spec,
    'A Flux GitRepository: a branch, tag, semver range or commit of a Git repository',
  );
}

export function ociRepositorySchema(): SchemaNode {
  const spec = obj(
    {
      url: str('oci://host/repository'),
      ref: obj({ digest: str(), semver: str(), semverFilter: str(), tag: str() }),
      layerSelector: obj({ mediaType: str(), operation: enumOf(['extract', 'copy']) }),
      provider: enumOf(['generic', 'aws', 'azure', 'gcp']),
      secretRef: localRef(),
      verify: verifySchema(),
      serviceAccountName: str(),
      certSecretRef: localRef(),
      proxySecretRef: localRef(),
      interval: duration(),
      timeout: duration(),
      ignore: str(),
      insecure: bool(),
      suspend: bool(),
    },
    ['url', 'interval'],
  );
  return objectSchema(spec, 'A Flux OCIRepository: an artifact in an OCI registry');
}

export function helmChartSchema(): SchemaNode {
  const sourceRef = obj(
    { apiVersion: str(), kind: enumOf(['HelmRepository', 'GitRepository', 'Bucket']), name: str() },
    ['kind', 'name'],
  );
  const spec = obj(
    {
      chart: str('Chart name (HelmRepository) or path (GitRepository, Bucket)'),
      version: str('Semver version or range; "*" (the default) means the newest'),
      sourceRef,
      interval: duration(),
      reconcileStrategy: enumOf(['ChartVersion', 'Revision']),
      valuesFiles: strList(),
      valuesFile: str(),
      ignoreMissingValuesFiles: bool(),
      suspend: bool(),
      verify: verifySchema(),
      accessFrom: accessFromSchema(),
    },
    ['chart', 'sourceRef', 'interval'],
  );
  return objectSchema(spec, 'A Flux HelmChart: one chart from a HelmRepository, GitRepository or Bucket');
}
