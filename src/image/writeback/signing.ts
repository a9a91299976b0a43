/**
 * OpenPGP commit signing with the real gpg: the armored key is imported into a throwaway
 * GNUPGHOME (never the user's keyring), git signs with its fingerprint, and the agent
 * gpg started is stopped afterwards. Keys protected by a passphrase are refused clearly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../util/exec.js';
import { SigningError } from './errors.js';

export interface SigningSetup {
  /** `-c` options for git commit. */
  gitConfig: string[];
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

export async function prepareSigning(armoredKey: string): Promise<SigningSetup> {
  const home = mkdtempSync(join(tmpdir(), 'ferry-gpg-'));
  const env = { ...process.env, GNUPGHOME: home, LC_ALL: 'C' };
  const cleanup = async (): Promise<void> => {
    await run('gpgconf', ['--kill', 'gpg-agent'], { env }).catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await run('gpg', ['--batch', '--import'], { env, input: armoredKey });
    const { stdout } = await run('gpg', ['--batch', '--with-colons', '--list-secret-keys'], { env });
    const fingerprint = /^fpr:+([0-9A-F]{40,64}):/m.exec(stdout)?.[1];
    if (!fingerprint) throw new SigningError('the signing key holds no secret key');
    // A protected key would need a passphrase prompt; fail now rather than hang in commit.
    await run('gpg', ['--batch', '--pinentry-mode', 'error', '--local-user', fingerprint, '--sign'], {
      env,
      input: 'probe',
    }).catch((err: unknown) => {
      throw new SigningError('the key cannot sign without a passphrase (protected keys are not supported)', {
        cause: err,
      });
    });
    return { gitConfig: ['-c', 'gpg.program=gpg', '-c', `user.signingkey=${fingerprint}`], env, cleanup };
  } catch (err) {
    await cleanup();
    if (err instanceof SigningError) throw err;
    const missing = (err as Error).message.includes('ENOENT');
    throw new SigningError(
      missing ? 'gpg is not installed' : 'the key is not a valid armored OpenPGP private key',
      {
        cause: err,
      },
    );
  }
}
