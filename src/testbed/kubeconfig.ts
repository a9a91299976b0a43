/** Writes the admin kubeconfig of a test control plane. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigInput {
  path: string;
  name: string;
  server: string;
  caPem: string;
  token: string;
}

export function writeKubeconfig(input: KubeconfigInput): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: input.name,
        cluster: {
          server: input.server,
          'certificate-authority-data': Buffer.from(input.caPem).toString('base64'),
        },
      },
    ],
    users: [{ name: `${input.name}-admin`, user: { token: input.token } }],
    contexts: [{ name: input.name, context: { cluster: input.name, user: `${input.name}-admin` } }],
    'current-context': input.name,
  };
  writeFileSync(input.path, stringify(config), { mode: 0o600 });
}
