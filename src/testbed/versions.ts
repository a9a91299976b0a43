/**
 * Every version the test bed pins, in one place. The Kubernetes and etcd versions
 * must match testbed/gobuild/go.mod (checked when the binaries are built).
 */
export const versions = {
  kubernetes: 'v1.36.3',
  etcd: 'v3.6.8',
  helm: 'v3.22.0',
  kustomize: 'v5.8.2',
  kwok: 'v0.8.0',
  kubeseal: 'v0.36.0',
} as const;

/** Go tools installed with `go install MODULE/CMD@VERSION` (no replace lines). */
export const goInstallTools = {
  helm: {
    pkg: 'helm.sh/helm/v3/cmd/helm',
    version: versions.helm,
    ldflags: `-X helm.sh/helm/v3/internal/version.version=${versions.helm}`,
  },
  kustomize: { pkg: 'sigs.k8s.io/kustomize/kustomize/v5', version: versions.kustomize, ldflags: '' },
  kwok: { pkg: 'sigs.k8s.io/kwok/cmd/kwok', version: versions.kwok, ldflags: '' },
  kubeseal: {
    pkg: 'github.com/bitnami-labs/sealed-secrets/cmd/kubeseal',
    version: versions.kubeseal,
    ldflags: `-X main.VERSION=${versions.kubeseal}`,
  },
} as const;

export type GoInstallTool = keyof typeof goInstallTools;

/** Binaries built from the wrapper module in testbed/gobuild. */
export const controlPlaneBinaries = [
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
  'etcd',
] as const;

export type ControlPlaneBinary = (typeof controlPlaneBinaries)[number];
