/** OpenAPI schemas of ImageRepository and ImagePolicy, field for field as in Flux v1 (v1beta2 is a subset). */
import { strList, type SchemaNode } from '../argo/schema.js';
import {
  accessFromSchema,
  bool,
  duration,
  localRef,
  namespacedRef,
  obj,
  objectSchema,
  str,
} from '../flux/common-schema.js';

const enumOf = (values: string[], description?: string): SchemaNode => ({
  type: 'string',
  enum: values,
  ...(description ? { description } : {}),
});

export function imageRepositorySchema(): SchemaNode {
  const spec = obj(
    {
      image: str('The image repository to scan, without tag, e.g. ghcr.io/org/my-app'),
      interval: duration('How often to scan'),
      timeout: duration('Timeout of one scan; default the interval'),
      secretRef: localRef('A kubernetes.io/dockerconfigjson Secret with the registry credentials'),
      serviceAccountName: str(),
      certSecretRef: localRef(),
      proxySecretRef: localRef(),
      accessFrom: accessFromSchema(),
      exclusionList: strList('Regular expressions of tags to leave out; default ["^.*\\\\.sig$"]'),
      insecure: bool('Plain HTTP registry'),
      provider: enumOf(['generic', 'aws', 'azure', 'gcp']),
      suspend: bool(),
    },
    ['image', 'interval'],
  );
  return objectSchema(spec, 'A Flux ImageRepository: an image repository scanned for tags');
}

export function imagePolicySchema(): SchemaNode {
  const order = obj({ order: enumOf(['asc', 'desc']) });
  const spec = obj(
    {
      imageRepositoryRef: namespacedRef('The ImageRepository whose tags to choose from'),
      policy: obj({ semver: obj({ range: str() }, ['range']), alphabetical: order, numerical: order }),
      filterTags: obj({
        pattern: str('A regular expression the tags must match'),
        extract: str('The value compared instead of the tag, e.g. $ts'),
      }),
      digestReflectionPolicy: enumOf(['Always', 'IfNotPresent', 'Never']),
      interval: duration('How often to refresh the digest with digestReflectionPolicy Always'),
      suspend: bool(),
    },
    ['imageRepositoryRef', 'policy'],
  );
  return objectSchema(spec, 'A Flux ImagePolicy: which tag of an ImageRepository is the latest');
}
