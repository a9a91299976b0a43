/**
 * The controller's keys, kept where the sealed-secrets controller keeps them: Secrets labelled
 * `sealedsecrets.bitnami.com/sealed-secrets-key=active` in the controller namespace. Keys are
 * only ever added; a key labelled anything else (e.g. `compromised`) is no longer loaded, as
 * upstream. The private keys stay in this process and in those Secrets.
 */
import { SEALING_KEY_LABEL } from '../api/bitnami/types.js';
import type { Cluster } from '../kube/cluster.js';
import type { Logger } from '../util/log.js';
import {
  DEFAULT_KEY_PREFIX,
  generateSealingKey,
  keySecret,
  newestKey,
  sealingKeyFromSecret,
  type KeyOptions,
  type SealingKey,
} from './keys.js';

export interface KeyRegistryOptions extends KeyOptions {
  namespace: string;
  /** generateName of key Secrets; default `sealed-secrets-key`. */
  prefix?: string;
  log: Logger;
}

export class KeyRegistry {
  private keys: SealingKey[] = [];
  private generating: Promise<SealingKey> | undefined;

  constructor(
    private readonly cluster: Cluster,
    private readonly options: KeyRegistryOptions,
  ) {}

  get namespace(): string {
    return this.options.namespace;
  }

  /** All keys, oldest first. */
  all(): readonly SealingKey[] {
    return this.keys;
  }

  /** When the newest key was made (its certificate's notBefore); undefined without keys. */
  newestTime(): Date | undefined {
    return newestKey(this.keys)?.notBefore;
  }

  /** The key new values are sealed with. */
  latest(): SealingKey {
    const key = newestKey(this.keys);
    if (!key) throw new Error('the key registry has no keys yet');
    return key;
  }

  /** (Re)reads the active key Secrets; resolves with whether the set of keys changed. */
  async load(): Promise<boolean> {
    const secrets = await this.cluster.list('v1', 'Secret', {
      namespace: this.options.namespace,
      labelSelector: `${SEALING_KEY_LABEL}=active`,
    });
    secrets.sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    );
    const keys: SealingKey[] = [];
    for (const secret of secrets) {
      try {
        keys.push(sealingKeyFromSecret(secret));
      } catch (err) {
        this.options.log.warn('skipping unreadable key Secret', {
          secret: secret.metadata.name,
          error: (err as Error).message,
        });
      }
    }
    const before = this.keys.map((k) => k.fingerprint).join(',');
    this.keys = keys;
    return keys.map((k) => k.fingerprint).join(',') !== before;
  }

  /** Generates a key, stores it as a Secret, and makes it the newest. One at a time. */
  generate(): Promise<SealingKey> {
    this.generating ??= this.generateOnce().finally(() => (this.generating = undefined));
    return this.generating;
  }

  private async generateOnce(): Promise<SealingKey> {
    const key = await generateSealingKey(this.options);
    const created = await this.cluster.create(
      keySecret(key, this.options.namespace, this.options.prefix ?? DEFAULT_KEY_PREFIX),
    );
    const named = { ...key, name: created.metadata.name ?? '' };
    this.keys = [...this.keys, named];
    this.options.log.info('new sealing key', {
      namespace: this.options.namespace,
      secret: named.name,
      fingerprint: named.fingerprint,
    });
    return named;
  }
}
