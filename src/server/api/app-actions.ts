/**
 * Application actions: sync, refresh, rollback, terminate the running operation, delete. Each writes the same request the
 * CLI writes (the controller does the work) and leaves an audit Event saying who asked.
 */
import type { Operation } from '../../api/argo/index.js';
import { refreshAnnotation } from '../../controllers/application/reconcile.js';
import { resourcesFinalizer } from '../../controllers/application/finalize.js';
import { terminationPatch } from '../../controllers/application/terminate.js';
import { appRef, audit, loadApp, type ApiContext } from './context.js';
import { boolField, HttpError, readJsonObject } from './http.js';
import { rollbackId, rollbackOperation, syncOperation } from './operations.js';

async function requestOperation(ctx: ApiContext, name: string, operation: Operation): Promise<void> {
  const app = await loadApp(ctx.deps, name);
  if (app.operation) throw new HttpError(409, `another operation is already in progress on ${name}`);
  await ctx.deps.home.mergePatch(appRef(ctx.deps, name), { operation });
}

function describeSync(op: Operation): string {
  const s = op.sync ?? {};
  const opts = [s.prune ? 'prune' : '', s.dryRun ? 'dry run' : '', s.revision ? `revision ${s.revision}` : '']
    .concat((s.resources ?? []).map((r) => `${r.group ?? ''}:${r.kind}:${r.name}`))
    .filter(Boolean);
  return opts.length ? ` (${opts.join(', ')})` : '';
}

export async function syncApp(ctx: ApiContext, name: string): Promise<unknown> {
  const operation = syncOperation(await readJsonObject(ctx.req), ctx.principal.name);
  await requestOperation(ctx, name, operation);
  await audit(ctx, await loadApp(ctx.deps, name), {
    reason: 'SyncRequested',
    action: `sync${describeSync(operation)}`,
  });
  return { requested: 'sync', operation };
}

export async function rollbackApp(ctx: ApiContext, name: string): Promise<unknown> {
  const body = await readJsonObject(ctx.req);
  rollbackId(body); // bad input is a 400 before anything is looked up
  const app = await loadApp(ctx.deps, name);
  const operation = rollbackOperation(app, body, ctx.principal.name);
  await requestOperation(ctx, name, operation);
  await audit(ctx, app, {
    reason: 'RollbackRequested',
    action: `rollback to ${operation.sync?.revision ?? '?'}`,
  });
  return { requested: 'rollback', operation };
}

export async function refreshApp(ctx: ApiContext, name: string): Promise<unknown> {
  const hard = boolField(await readJsonObject(ctx.req), 'hard');
  const app = await loadApp(ctx.deps, name);
  await ctx.deps.home.mergePatch(appRef(ctx.deps, name), {
    metadata: { annotations: { [refreshAnnotation]: hard ? 'hard' : 'normal' } },
  });
  ctx.deps.refresh(name);
  await audit(ctx, app, { reason: 'RefreshRequested', action: hard ? 'hard refresh' : 'refresh' });
  return { requested: hard ? 'hard refresh' : 'refresh' };
}

export async function deleteApp(ctx: ApiContext, name: string): Promise<unknown> {
  const cascadeParam = ctx.url.searchParams.get('cascade');
  if (cascadeParam !== null && !['true', 'false'].includes(cascadeParam))
    throw new HttpError(400, 'query parameter "cascade" must be true or false');
  const cascade = cascadeParam !== 'false';
  const app = await loadApp(ctx.deps, name);
  if (cascade && !(app.metadata.finalizers ?? []).includes(resourcesFinalizer))
    await ctx.deps.home.mergePatch(appRef(ctx.deps, name), {
      metadata: { finalizers: [...(app.metadata.finalizers ?? []), resourcesFinalizer] },
    });
  await audit(ctx, app, {
    reason: 'DeleteRequested',
    action: `delete${cascade ? ' (with its resources)' : ''}`,
  });
  await ctx.deps.home.delete(appRef(ctx.deps, name), 'Background');
  return { requested: 'delete', cascade };
}

/**
 * DELETE …/operation (`argocd app terminate-op`): marks the running operation Terminating;
 * the controller stops it and records it as Failed with "Operation terminated".
 */
export async function terminateOperation(ctx: ApiContext, name: string): Promise<unknown> {
  const app = await loadApp(ctx.deps, name);
  const patch = terminationPatch(app, ctx.principal.name);
  if (!patch)
    throw new HttpError(409, `unable to terminate the operation of ${name}: no operation is in progress`);
  await ctx.deps.home.mergePatch(appRef(ctx.deps, name), patch);
  ctx.deps.refresh(name);
  await audit(ctx, app, { reason: 'TerminateRequested', action: 'terminate the running operation' });
  return { requested: 'terminate' };
}
