/**
 * The SealedSecret controller: keeps the cluster's sealing keys (load, first key, renewal),
 * watches SealedSecrets in every namespace and the Secrets they own, and reconciles them with
 * a few workers. It also answers what the sealed-secrets controller's HTTP API answers
 * (certificate, verify, re-encrypt): see src/server/sealed-secrets-route.ts.
 */
import type { KeyObject } from 'node:crypto';
import {
  DEFAULT_CONTROLLER_NAMESPACE,
  SEALED_SECRET_API_VERSION,
  SEALED_SECRET_KIND,
  type SealedSecret,
} from '../../api/bitnami/types.js';
import type { Cluster } from '../../kube/cluster.js';
import type { KubeObject } from '../../kube/object.js';
import { watchCollection, type CollectionWatch, type WatchEventType } from '../../kube/watch.js';
import type { Logger } from '../../util/log.js';
import { KeyRegistry } from '../../secrets/key-registry.js';
import type { SealingKey } from '../../secrets/keys.js';
import { DEFAULT_RENEWAL_MS, KeyRenewal, needsKeyNow } from '../../secrets/renewal.js';
import { canDecrypt, reencryptSealedSecret } from '../../secrets/reencrypt.js';
import { parseSingleObject } from '../../secrets/manifest.js';
import { SealInputError } from '../../secrets/errors.js';
import { WorkQueue } from '../workqueue.js';
import { SealedSecretReconciler } from './reconcile.js';

export interface SealedSecretControllerOptions {
  home: Cluster;
  log: Logger;
  /** Where the key Secrets live; default kube-system, as the sealed-secrets controller. */
  namespace?: string;
  /** Key renewal period; default 30 days, 0 turns it off. */
  keyRenewalMs?: number;
  /** Make a new key at start when the newest is older than this (--key-cutoff-time). */
  keyCutoff?: Date;
  /** RSA key size; default 4096. */
  keyBits?: number;
  workers?: number;
  /** Periodic re-check of every SealedSecret; default 10 minutes. */
  resyncMs?: number;
  /** First back-off after an API error, doubled per failure up to 5 minutes; default 5 s. */
  errorRequeueMs?: number;
}

const keyOf = (obj: KubeObject): string => `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;

export class SealedSecretController {
  readonly keys: KeyRegistry;
  readonly queue = new WorkQueue();
  private readonly reconciler: SealedSecretReconciler;
  private readonly renewal: KeyRenewal;
  /** Known SealedSecrets and what of them matters for unsealing (generation, annotations). */
  private readonly known = new Map<string, string>();
  private watches: CollectionWatch[] = [];
  private running: Promise<void[]> | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;
  private lastRefresh = 0;
  /** Consecutive failures per key, for the back-off. */
  private readonly failures = new Map<string, number>();
  /** Reconciles done, for metrics and tests. */
  reconciles = 0;

  constructor(private readonly options: SealedSecretControllerOptions) {
    const { home, log } = options;
    this.keys = new KeyRegistry(home, {
      namespace: options.namespace ?? DEFAULT_CONTROLLER_NAMESPACE,
      bits: options.keyBits,
      log,
    });
    this.reconciler = new SealedSecretReconciler({
      home,
      log,
      privateKeys: () => this.privateKeys(),
      refreshKeys: () => this.refreshKeys(),
    });
    this.renewal = new KeyRenewal(
      { newestKeyTime: () => this.keys.newestTime(), renew: () => this.keys.generate() },
      options.keyRenewalMs ?? DEFAULT_RENEWAL_MS,
      log,
    );
  }

  /** Loads the keys (making the first one if needed), then starts watching and reconciling. */
  async start(): Promise<void> {
    await this.keys.load();
    if (needsKeyNow(this.keys.newestTime(), this.options.keyCutoff)) await this.keys.generate();
    this.renewal.start();
    const { home, log } = this.options;
    this.watches = [
      watchCollection(
        home,
        { apiVersion: SEALED_SECRET_API_VERSION, kind: SEALED_SECRET_KIND },
        (t, o) => this.onSealedSecret(t, o),
        (err) => log.warn('sealedsecret watch restarting', { error: (err as Error).message }),
      ),
      watchCollection(
        home,
        { apiVersion: 'v1', kind: 'Secret' },
        (t, o) => this.onSecret(t, o),
        (err) => log.warn('secret watch restarting', { error: (err as Error).message }),
      ),
    ];
    this.scheduleResync();
    this.running = this.queue.run(
      this.options.workers ?? 2,
      (key) => this.work(key),
      (key, err) => this.onError(key, err),
    );
  }

  /** Logs and retries with a doubling back-off (5 s, 10 s, … 5 min). */
  private onError(key: string, err: unknown): void {
    const failures = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    const delay = Math.min((this.options.errorRequeueMs ?? 5_000) * 2 ** (failures - 1), 300_000);
    const error = (err as Error).message;
    this.options.log.error('sealedsecret reconcile failed', { sealedsecret: key, error, retryMs: delay });
    this.queue.addAfter(key, delay);
  }

  async stop(): Promise<void> {
    for (const w of this.watches) w.stop();
    this.renewal.stop();
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.queue.stop();
    await this.running;
  }

  /** A new key now (what SIGUSR1 does to the sealed-secrets controller). Old keys stay. */
  async renewKey(): Promise<SealingKey> {
    const key = await this.keys.generate();
    this.renewal.restart();
    return key;
  }

  /** The newest key's certificate (GET /v1/cert.pem). */
  certificatePem(): string {
    return this.keys.latest().certificatePem;
  }

  /** Whether every value of the SealedSecret in `content` decrypts here (POST /v1/verify). */
  verify(content: string): boolean {
    return canDecrypt(parseSealedSecret(content), this.privateKeys());
  }

  /** The SealedSecret in `content` re-encrypted with the newest key (POST /v1/rotate). */
  rotate(content: string): SealedSecret {
    return reencryptSealedSecret(
      parseSealedSecret(content),
      this.privateKeys(),
      this.keys.latest().publicKey,
    );
  }

  private privateKeys(): KeyObject[] {
    return this.keys.all().map((k) => k.privateKey);
  }

  /** Re-reads key Secrets, at most every 10 s; when they changed, every SealedSecret is re-checked. */
  private async refreshKeys(): Promise<boolean> {
    if (Date.now() - this.lastRefresh < 10_000) return false;
    this.lastRefresh = Date.now();
    const changed = await this.keys.load();
    if (changed) for (const key of this.known.keys()) this.queue.addAfter(key, 100);
    return changed;
  }

  private onSealedSecret(type: WatchEventType, obj: KubeObject): void {
    const key = keyOf(obj);
    if (type === 'DELETED') {
      this.known.delete(key);
      return;
    }
    // Status writes (ours) change neither generation nor annotations: no reconcile for them.
    const fingerprint = JSON.stringify([
      obj.metadata.uid,
      obj.metadata.generation,
      obj.metadata.annotations ?? {},
    ]);
    if (this.known.get(key) === fingerprint) return;
    this.known.set(key, fingerprint);
    this.queue.add(key);
  }

  /** A deleted or edited Secret that a SealedSecret stands for is put back. */
  private onSecret(type: WatchEventType, obj: KubeObject): void {
    if (type === 'ADDED') return;
    const key = keyOf(obj);
    if (this.known.has(key)) this.queue.addAfter(key, type === 'DELETED' ? 0 : 250);
  }

  private async work(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const result = await this.reconciler.reconcile(namespace, name);
    this.failures.delete(key);
    this.reconciles += 1;
    this.options.log.debug('sealedsecret reconciled', { sealedsecret: key, secret: result.secret });
  }

  private scheduleResync(): void {
    const base = this.options.resyncMs ?? 600_000;
    this.resyncTimer = setTimeout(
      () => {
        for (const key of this.known.keys()) this.queue.add(key);
        this.scheduleResync();
      },
      base + Math.random() * base * 0.1,
    );
    this.resyncTimer.unref();
  }
}

function parseSealedSecret(content: string): SealedSecret {
  const obj = parseSingleObject(content, 'SealedSecret');
  if (obj.kind !== SEALED_SECRET_KIND) throw new SealInputError(`expected a SealedSecret, got ${obj.kind}`);
  return obj as SealedSecret;
}
