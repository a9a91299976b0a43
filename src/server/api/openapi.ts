/** The API's OpenAPI 3 description, written by hand; served at /api/openapi.json. */
const nameParam = {
  name: 'name',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'Application name',
};
const error = {
  description: 'error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};
const errors = { '400': error, '401': error, '404': error };
const actionErrors = { ...errors, '403': error, '409': error };
const ok = (description: string, schema: object = { type: 'object' }): object => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: object): object => ({ required: false, content: { 'application/json': { schema } } });

const summary = {
  type: 'object',
  properties: Object.fromEntries(
    [
      'name',
      'namespace',
      'project',
      'cluster',
      'destNamespace',
      'repo',
      'path',
      'targetRevision',
      'revision',
      'sync',
      'health',
      'healthMessage',
      'operation',
      'lastSyncedAt',
    ].map((k) => [k, { type: 'string' }]),
  ),
};
summary.properties.operationInProgress = { type: 'boolean' };
summary.properties.automated = { type: 'boolean' };

const filters = ['cluster', 'namespace', 'project', 'health', 'sync', 'label', 'search'].map((name) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description:
    name === 'label'
      ? 'key=value or key, comma-separated (all must hold)'
      : `only apps whose ${name} is this`,
}));

const logParams = [
  ['pod', 'string', "a pod of the app's resource tree (default: all of them, at most 10)"],
  ['podName', 'string', 'Argo CD’s name for `pod`'],
  ['namespace', 'string', "the pod's namespace, when its name is not unique in the app"],
  ['container', 'string', 'the container (default: the first)'],
  ['tailLines', 'integer', 'only the last N lines'],
].map(([name, type, description]) => ({ name, in: 'query', required: false, schema: { type }, description }));

const pluralParam = {
  name: 'plural',
  in: 'path',
  required: true,
  schema: {
    type: 'string',
    enum: [
      'applicationsets',
      'helmreleases',
      'kustomizations',
      'gitrepositories',
      'helmrepositories',
      'helmcharts',
      'ocirepositories',
      'imagerepositories',
      'imagepolicies',
      'imageupdateautomations',
      'alerts',
      'providers',
      'sealedsecrets',
    ],
  },
};
const objectParams = [
  pluralParam,
  { name: 'namespace', in: 'path', required: true, schema: { type: 'string' } },
  { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
];

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Ferry API',
    version: '1',
    description: 'Argo CD Applications and Flux resources managed by Ferry. See docs/api.md.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'a token from `ferry token create`' },
    },
    schemas: {
      Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
      AppSummary: summary,
      PodLog: {
        type: 'object',
        properties: {
          namespace: { type: 'string' },
          pod: { type: 'string' },
          container: { type: 'string' },
          lines: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  paths: {
    '/api/v1/applications': {
      get: {
        summary: 'List Applications',
        parameters: filters,
        responses: {
          '200': ok('the matching apps, the total and counts by status', {
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: '#/components/schemas/AppSummary' } },
              total: { type: 'integer' },
              counts: { type: 'object' },
            },
          }),
          ...errors,
        },
      },
    },
    '/api/v1/applications/{name}': {
      parameters: [nameParam],
      get: {
        summary: 'One Application: summary and the whole object',
        responses: { '200': ok('the app'), ...errors },
      },
      delete: {
        summary: 'Delete the Application (cascade=false keeps its resources)',
        parameters: [{ name: 'cascade', in: 'query', schema: { type: 'boolean', default: true } }],
        responses: { '202': ok('deletion requested'), ...actionErrors },
      },
    },
    '/api/v1/applications/{name}/tree': {
      parameters: [nameParam],
      get: {
        summary: 'Resource tree: managed resources and what they own',
        responses: { '200': ok('nodes'), ...errors },
      },
    },
    '/api/v1/applications/{name}/diff': {
      parameters: [
        nameParam,
        {
          name: 'hard',
          in: 'query',
          schema: { type: 'boolean' },
          description: 'render again, ignoring caches',
        },
      ],
      get: {
        summary: 'Live against desired, per resource (Secrets redacted)',
        responses: { '200': ok('resources with a unified diff each'), ...errors },
      },
    },
    '/api/v1/applications/{name}/history': {
      parameters: [nameParam],
      get: {
        summary: 'Deployment history (newest first) and the last operation',
        responses: { '200': ok('history'), ...errors },
      },
    },
    '/api/v1/applications/{name}/events': {
      parameters: [nameParam],
      get: {
        summary: 'Kubernetes Events of the app (newest first)',
        responses: { '200': ok('events'), ...errors },
      },
    },
    '/api/v1/applications/{name}/logs': {
      parameters: [nameParam, ...logParams],
      get: {
        summary: "Logs of the app's pods (the pod must be in its resource tree; needs `get`)",
        responses: {
          '200': ok('one entry per pod', {
            type: 'object',
            properties: { items: { type: 'array', items: { $ref: '#/components/schemas/PodLog' } } },
          }),
          ...errors,
          '403': error,
          '502': error,
        },
      },
    },
    '/api/v1/applications/{name}/sync': {
      parameters: [nameParam],
      post: {
        summary: 'Request a sync (admin, or a project role allowed `sync`)',
        requestBody: body({
          type: 'object',
          properties: {
            prune: { type: 'boolean' },
            dryRun: { type: 'boolean' },
            revision: { type: 'string' },
            resources: {
              type: 'array',
              items: {
                type: 'object',
                required: ['kind', 'name'],
                properties: {
                  group: { type: 'string' },
                  kind: { type: 'string' },
                  name: { type: 'string' },
                  namespace: { type: 'string' },
                },
              },
            },
          },
        }),
        responses: { '202': ok('the operation written on the app'), ...actionErrors },
      },
    },
    '/api/v1/applications/{name}/refresh': {
      parameters: [nameParam],
      post: {
        summary: 'Compare again now (not readonly; a project role needs `get`); hard also renders again',
        requestBody: body({ type: 'object', properties: { hard: { type: 'boolean' } } }),
        responses: { '202': ok('refresh requested'), ...actionErrors },
      },
    },
    '/api/v1/applications/{name}/rollback': {
      parameters: [nameParam],
      post: {
        summary:
          'Redeploy a history entry (admin, or a project role allowed `sync`); refused (409) while automated sync is on',
        requestBody: body({
          type: 'object',
          properties: {
            id: { type: 'integer', description: 'history id; default the one before the current' },
          },
        }),
        responses: { '202': ok('the operation written on the app'), ...actionErrors },
      },
    },
    '/api/v1/applications/{name}/operation': {
      parameters: [nameParam],
      delete: {
        summary:
          'Terminate the running operation (argocd app terminate-op; admin, or a project role allowed `sync`): it ends Failed with "Operation terminated"; 409 when none runs',
        responses: { '202': ok('termination requested'), ...actionErrors },
      },
    },
    '/api/v1/kinds/{plural}/{namespace}/{name}': {
      parameters: objectParams,
      get: {
        summary:
          'One object: summary, conditions, the object (without spec.values), and for a HelmRelease its Helm history and failure counters',
        responses: { '200': ok('the object'), ...errors, '403': error },
      },
    },
    ...Object.fromEntries(
      (['suspend', 'resume', 'reconcile'] as const).map((action) => [
        `/api/v1/kinds/{plural}/{namespace}/{name}/${action}`,
        {
          parameters: objectParams,
          post: {
            summary: {
              suspend: 'Set spec.suspend: true (admin; Flux kinds with spec.suspend)',
              resume: 'Set spec.suspend: false and request a reconcile (admin)',
              reconcile: 'Write reconcile.fluxcd.io/requestedAt (admin); 409 while suspended',
            }[action],
            responses: {
              '202': ok(`${action} requested`, {
                type: 'object',
                properties: {
                  requested: { type: 'string' },
                  // Absent for suspend; done when status.lastHandledReconcileAt equals it.
                  requestedAt: { type: 'string' },
                },
              }),
              ...actionErrors,
            },
          },
        },
      ]),
    ),
    '/api/v1/kinds/{plural}': {
      parameters: [pluralParam],
      get: {
        summary: 'Other app-like kinds, listed generically; empty when the CRD is not installed',
        responses: { '200': ok('items and whether the kind is installed'), ...errors },
      },
    },
    '/api/v1/whoami': {
      get: {
        summary: 'The caller: token name, id and role',
        responses: { '200': ok('principal'), '401': error },
      },
    },
    '/api/v1/stream': {
      get: {
        summary: 'Live Application summaries as Server-Sent Events',
        description:
          'The token may be given as ?token= (EventSource cannot set headers). Messages: {"type":"snapshot","items":[…]}, {"type":"upsert","app":{…}}, {"type":"delete","name":"…"}.',
        parameters: [{ name: 'token', in: 'query', schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'an event stream',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          '401': error,
        },
      },
    },
  },
};
