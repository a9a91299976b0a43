/** `ferry token create`: a new API bearer token, printed once; only its hash is stored. */
import type { Command } from 'commander';
import { addKubeOptions, homeCluster, type KubeOptions } from './kube.js';
import { createToken, isRole, readTokens, tokenSecretName } from '../server/api/tokens.js';

export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens for the HTTP API and the dashboard');
  addKubeOptions(
    token
      .command('create')
      .description(`create a token (its sha256 is stored in the Secret ${tokenSecretName}); prints it once`)
      .option('--role <role>', 'admin|readonly', 'readonly')
      .option('--name <name>', 'who the token is for (shown in audit Events)'),
  ).action(async (opts: KubeOptions & { role: string; name?: string }) => {
    if (!isRole(opts.role)) throw new Error(`--role must be admin or readonly, not "${opts.role}"`);
    const home = await homeCluster(opts);
    const created = await createToken(home, opts.namespace ?? 'argocd', { role: opts.role, name: opts.name });
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
