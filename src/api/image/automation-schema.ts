/** The OpenAPI schema of ImageUpdateAutomation, field for field as Flux's. */
import { arr, strList, strMap, type SchemaNode } from '../argo/schema.js';
import { duration, localRef, obj, objectSchema, str, bool } from '../flux/common-schema.js';

function labelSelector(description?: string): SchemaNode {
  const expression = obj({ key: str(), operator: str(), values: strList() }, ['key', 'operator']);
  return obj({ matchLabels: strMap(), matchExpressions: arr(expression) }, undefined, description);
}

export function imageUpdateAutomationSchema(): SchemaNode {
  const ref = obj({ branch: str(), tag: str(), semver: str(), name: str(), commit: str() });
  const commit = obj(
    {
      author: obj({ name: str(), email: str() }, ['email']),
      signingKey: obj({ secretRef: localRef('Secret with an armored OpenPGP key in `git.asc`') }),
      messageTemplate: str('Go template of the commit message'),
      messageTemplateValues: strMap('Values given to the template as .Values'),
    },
    ['author'],
  );
  const git = obj(
    {
      checkout: obj({ ref }, ['ref']),
      commit,
      push: obj({ branch: str(), refspec: str(), options: strMap() }),
    },
    ['commit'],
  );
  const spec = obj(
    {
      sourceRef: obj(
        {
          apiVersion: str(),
          kind: { type: 'string', enum: ['GitRepository'] },
          name: str(),
          namespace: str(),
        },
        ['kind', 'name'],
      ),
      git,
      interval: duration('How often to run the automation'),
      policySelector: labelSelector('Which ImagePolicies to use; all in the namespace when unset'),
      update: obj({ path: str(), strategy: { type: 'string', enum: ['Setters'] } }),
      suspend: bool(),
    },
    ['sourceRef', 'interval'],
  );
  return objectSchema(
    spec,
    'A Flux ImageUpdateAutomation: writes policies’ latest images into a Git repository',
  );
}
