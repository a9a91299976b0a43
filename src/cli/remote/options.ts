/** `--server URL --token TOKEN`: talk to a Ferry server's HTTP API instead of the Kubernetes API. */
import type { Command } from 'commander';

export function addServerOptions(cmd: Command): Command {
  return cmd
    .option('--server <url>', 'a Ferry server to use instead of the Kubernetes API (env FERRY_SERVER)')
    .option('--token <token>', 'bearer token for --server (env FERRY_TOKEN)');
}
