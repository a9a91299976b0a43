/** `ferry token create`: a new API bearer token, printed once; only its hash is stored. */
import type { Command } from 'commander';
import type { AppProject } from '../api/argo/index.js';
import { ARGO_API_VERSION } from '../api/argo/index.js';
import type { Cluster } from '../kube/cluster.js';
import { addKubeOptions, homeCluster, type KubeOptions } from './kube.js';
import { createToken, isRole, readTokens, tokenSecretName } from '../server/api/tokens.js';
import { parseProjectRole } from '../server/api/rbac/policy.js';

/** A project role must exist when its token is made (as `argocd proj role create-token`). */
async function checkProjectRole(home: Cluster, namespace: string, role: string): Promise<void> {
  const parsed = parseProjectRole(role);
  if (!parsed) return;
  const project = (await home.get({
    apiVersion: ARGO_API_VERSION,
    kind: 'AppProject',
    namespace,
    name: parsed.project,
  })) as AppProject | undefined;
  if (!project) throw new Error(`AppProject "${parsed.project}" not found in namespace ${namespace}`);
  const names = (project.spec.roles ?? []).map((r) => r.name);
  if (!names.includes(parsed.role))
    throw new Error(
      `AppProject "${parsed.project}" has no role "${parsed.role}" (roles: ${names.join(', ') || 'none'})`,
    );
}

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens for the HTTP API and the dashboard');
  addKubeOptions(
    token
      .command('create [name]')
      .description(`create a token (its sha256 is stored in the Secret ${tokenSecretName}); prints it once`)
      .option(
        '--role <role>',
        'admin, readonly, or an AppProject role proj:<project>:<role> whose policies decide',
        'readonly',
      )
      .option('--name <name>', 'who the token is for (shown in audit Events); same as NAME'),
  ).action(async (nameArg: string | undefined, opts: KubeOptions & { role: string; name?: string }) => {
    if (!isRole(opts.role))
      throw new Error(`--role must be admin, readonly or proj:<project>:<role>, not "${opts.role}"`);
    const namespace = opts.namespace ?? 'argocd';
    const home = await homeCluster(opts);
    await checkProjectRole(home, namespace, opts.role);
    const created = await createToken(home, namespace, { role: opts.role, name: nameArg ?? opts.name });
    process.stdout.write(`${created.token}\n`);
    process.stderr.write(`token ${created.id} (${opts.role}) created; it is not shown again\n`);
  });
  addKubeOptions(token.command('list').description('token ids, names and roles (never the tokens)')).action(
    async (opts: KubeOptions) => {
      const records = await readTokens(await homeCluster(opts), opts.namespace ?? 'argocd');
      for (const [id, r] of records)
        process.stdout.write(`${id}\t${r.role}\t${r.name ?? ''}\t${r.createdAt}\n`);
    },
  );
}
