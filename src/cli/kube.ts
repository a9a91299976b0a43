/** Cluster access for CLI commands: --kubeconfig/--context, else KUBECONFIG, else ~/.kube/config. */
import { KubeConfig } from '@kubernetes/client-node';
import type { Command } from 'commander';
import { Cluster } from '../kube/cluster.js';

export interface KubeOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
}

export function addKubeOptions(cmd: Command): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context')
    .option('-N, --namespace <ns>', 'namespace of the Argo CD resources', 'argocd');
}

export function loadKubeConfig(opts: KubeOptions): KubeConfig {
  const kc = new KubeConfig();
  if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
  else kc.loadFromDefault();
  if (opts.context) kc.setCurrentContext(opts.context);
  if (!kc.getCurrentCluster())
    throw new Error('no cluster in the kubeconfig (use --kubeconfig or set KUBECONFIG)');
  return kc;
}

export async function homeCluster(opts: KubeOptions): Promise<Cluster> {
  return Cluster.fromKubeConfig('in-cluster', loadKubeConfig(opts));
}
