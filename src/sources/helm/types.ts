export interface HelmCredentials {
  username?: string;
  password?: string;
  /** Skip TLS verification; for oci:// also allows plain HTTP registries (local use). */
  insecure?: boolean;
}

export interface FetchedChart {
  repoURL: string;
  chart: string;
  version: string;
  /** Content digest of the chart archive: the render cache key. */
  digest: string;
  /** The extracted chart folder (contains Chart.yaml). Treat as read-only. */
  dir: string;
}
