/** Keys and credentials for a test control plane, made with node:crypto. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ControlPlaneSecrets {
  /** RSA private key (PEM) that signs and verifies service account tokens. */
  serviceAccountKeyFile: string;
  /** Static token file for kube-apiserver's --token-auth-file. */
  tokenAuthFile: string;
  adminToken: string;
}

export function writeControlPlaneSecrets(dir: string): ControlPlaneSecrets {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serviceAccountKeyFile = join(dir, 'sa.key');
  writeFileSync(serviceAccountKeyFile, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
  const adminToken = randomBytes(24).toString('hex');
  const tokenAuthFile = join(dir, 'tokens.csv');
  // token,user,uid,"group1,group2" — system:masters is cluster-admin, as envtest's admin user.
  writeFileSync(tokenAuthFile, `${adminToken},admin,admin,"system:masters"\n`, { mode: 0o600 });
  return { serviceAccountKeyFile, tokenAuthFile, adminToken };
}
