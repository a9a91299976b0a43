/**
 * One SealedSecret, as a list of steps: read it → unseal with every key (re-reading the key
 * Secrets once if none fits) → decide what the Secret needs → write it → record the outcome
 * in status and an Event. A SealedSecret that does not unseal leaves its Secret untouched.
 */
import type { KeyObject } from 'node:crypto';
import {
  SEALED_SECRET_API_VERSION,
  SEALED_SECRET_KIND,
  type SealedSecret,
  type SecretObject,
} from '../../api/bitnami/types.js';
import { validateSealedSecret } from '../../api/bitnami/validate.js';
import type { Cluster } from '../../kube/cluster.js';
import { recordEvent } from '../../kube/events.js';
import type { Logger } from '../../util/log.js';
import { UnsealError } from '../../secrets/errors.js';
import { unsealSealedSecret } from '../../secrets/unseal.js';
import { secretAction } from './decide.js';
import { nextStatus, type SyncOutcome } from './status.js';

export interface ReconcileDeps {
  home: Cluster;
  log: Logger;
  /** The private keys, oldest first. */
  privateKeys(): readonly KeyObject[];
  /** Re-reads the key Secrets; resolves true when the keys changed. */
  refreshKeys(): Promise<boolean>;
  clock?: () => Date;
}

export interface ReconcileResult {
  outcome: SyncOutcome | 'gone';
  /** What happened to the Secret, for logs and tests. */
  secret?: 'created' | 'updated' | 'unchanged';
}

export const ssRef = (
  namespace: string,
  name: string,
): { apiVersion: string; kind: string; namespace: string; name: string } => ({
  apiVersion: SEALED_SECRET_API_VERSION,
  kind: SEALED_SECRET_KIND,
  namespace,
  name,
});

export class SealedSecretReconciler {
  constructor(private readonly deps: ReconcileDeps) {}

  async reconcile(namespace: string, name: string): Promise<ReconcileResult> {
    const ss = (await this.deps.home.get(ssRef(namespace, name))) as SealedSecret | undefined;
    if (!ss || ss.metadata.deletionTimestamp) return { outcome: 'gone' };
    let desired: SecretObject;
    try {
      desired = await this.unseal(ss);
    } catch (err) {
      if (!(err instanceof UnsealError)) throw err;
      return this.finish(ss, { ok: false, reason: 'ErrUnsealFailed', message: err.message });
    }
    const live: SecretObject | undefined = await this.deps.home.get({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace,
      name,
    });
    const action = secretAction(live, desired, ss.metadata.uid);
    if (action.kind === 'unmanaged')
      return this.finish(ss, { ok: false, reason: 'ErrUpdateFailed', message: action.message });
    try {
      if (action.kind === 'create') await this.deps.home.create(action.secret);
      if (action.kind === 'update') await this.deps.home.replace(action.secret);
    } catch (err) {
      await this.finish(ss, { ok: false, reason: 'ErrUpdateFailed', message: (err as Error).message });
      throw err;
    }
    const secret = action.kind === 'create' ? 'created' : action.kind === 'update' ? 'updated' : 'unchanged';
    if (secret !== 'unchanged') this.event(ss, 'Normal', 'Unsealed', 'SealedSecret unsealed successfully');
    return { ...(await this.finish(ss, { ok: true })), secret };
  }

  private async unseal(ss: SealedSecret): Promise<SecretObject> {
    const issues = validateSealedSecret(ss);
    if (issues.length > 0) throw new UnsealError(`invalid SealedSecret: ${issues.join('; ')}`);
    try {
      return unsealSealedSecret(ss, this.deps.privateKeys());
    } catch (err) {
      const noKey = err instanceof UnsealError && err.failures.some((f) => f.failure === 'no-key');
      if (!noKey || !(await this.deps.refreshKeys())) throw err;
      return unsealSealedSecret(ss, this.deps.privateKeys());
    }
  }

  /** Writes status when it changed; a failure that is new also becomes a Warning Event. */
  private async finish(ss: SealedSecret, outcome: SyncOutcome): Promise<ReconcileResult> {
    const status = nextStatus(ss, outcome, (this.deps.clock ?? (() => new Date()))());
    if (status) {
      await this.deps.home.mergePatch(
        ssRef(ss.metadata.namespace ?? '', ss.metadata.name ?? ''),
        { status },
        'status',
      );
      if (!outcome.ok)
        this.event(
          ss,
          'Warning',
          outcome.reason,
          outcome.reason === 'ErrUnsealFailed' ? `Failed to unseal: ${outcome.message}` : outcome.message,
        );
    }
    return { outcome };
  }

  private event(ss: SealedSecret, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const fields = {
      sealedsecret: `${ss.metadata.namespace ?? ''}/${ss.metadata.name ?? ''}`,
      reason,
      message,
    };
    if (type === 'Warning') this.deps.log.warn('sealed secret', fields);
    else this.deps.log.info('sealed secret', fields);
    recordEvent(this.deps.home, ss, { type, reason, message }).catch((err: unknown) =>
      this.deps.log.warn('could not record event', { ...fields, error: (err as Error).message }),
    );
  }
}
