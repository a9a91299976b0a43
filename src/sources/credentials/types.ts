/**
 * One repository connection (label `argocd.argoproj.io/secret-type: repository`) or
 * credential template (`repo-creds`) as Argo CD stores it in a Secret, decoded.
 * Field names are the Secret's keys.
 */
export interface RepoCredentials {
  url: string;
  /** `helm` for Helm (and OCI) repositories; anything else is git, as in Argo CD. */
  type: 'git' | 'helm';
  username?: string;
  password?: string;
  bearerToken?: string;
  insecure?: boolean;
  enableOCI?: boolean;
  name?: string;
  project?: string;
  tlsClientCertData?: string;
  tlsClientCertKey?: string;
  /** Kept so that a repository using SSH or a GitHub App counts as having credentials. */
  sshPrivateKey?: string;
  githubAppPrivateKey?: string;
  githubAppID?: number;
  githubAppInstallationID?: number;
}

export interface RepoCredentialSet {
  /** Secrets labelled `repository`: one repository each, matched by URL. */
  repositories: RepoCredentials[];
  /** Secrets labelled `repo-creds`: templates, matched by the longest URL prefix. */
  templates: RepoCredentials[];
}
