/**
 * The folder the setters tests update, kept as strings so that formatters never touch
 * the quoting, spacing and CRLF line endings the tests check are preserved.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const FIXTURE: Record<string, string> = {
  'apps/my-app/helmrelease.yaml': `# The app's release; the tag below is kept current by Flux.
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: my-app
  namespace: my-app
spec:
  interval: 5m
  chart:
    spec:
      chart: my-app
      version: "1.x"   # not marked, stays
  values:
    replicaCount: 3
    image:
      repository: ghcr.io/org/my-app # {"$imagepolicy": "flux-system:my-app:name"}
      tag: "1.2.0"  # {"$imagepolicy": "flux-system:my-app:tag"}
---
# a second document in the same file
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sidecar
spec:
  template:
    spec:
      containers:
        - name: side
          image: 'ghcr.io/org/side:0.1.0' # {"$imagepolicy": "flux-system:side"}
        - name: other
          image: ghcr.io/org/other:5 # {"$imagepolicy": "other-ns:side"}
`,
  'apps/my-app/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - helmrelease.yaml
images:
  - name: my-app
    newName: ghcr.io/org/my-app # {"$imagepolicy": "flux-system:my-app:name"}
    newTag: 1.0.0 # {"$imagepolicy": "flux-system:my-app:tag"}
`,
  'apps/my-app/crlf.yaml':
    'kind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n  tag: v1 # {"$imagepolicy": "flux-system:my-app:tag"}\r\n  other: keep\r\n',
  'apps/my-app/unmarked.yaml': `kind: ConfigMap
metadata: {name: unmarked}
data:
  image: ghcr.io/org/my-app:1.0.0   # no marker here
`,
  'apps/my-app/.hidden/skipped.yaml': `tag: 1.0.0 # {"$imagepolicy": "flux-system:my-app:tag"}
`,
  'other/outside.yaml': `image: ghcr.io/org/my-app:1.0.0 # {"$imagepolicy": "flux-system:my-app"}
`,
};

export function writeFixture(root: string): void {
  for (const [path, text] of Object.entries(FIXTURE)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
