/**
 * `ferry seal`: the kubeseal workflow with kubeseal's flags — a Secret (YAML/JSON, stdin or
 * -f) in, a SealedSecret out; --raw for one value, --merge-into, --fetch-cert, --re-encrypt,
 * --validate. Without --cert the certificate comes from the cluster: through the controller's
 * Service as kubeseal does, else from the active key Secret's public tls.crt.
 * `ferry lint`: refuses plain Secrets with data in a GitOps folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import type { Command } from 'commander';
import {
  DEFAULT_CONTROLLER_NAME,
  DEFAULT_CONTROLLER_NAMESPACE,
  type SealedSecret,
  type SecretObject,
} from '../api/bitnami/types.js';
import { Cluster } from '../kube/cluster.js';
import {
  ControllerClient,
  findPlainSecrets,
  formatObject,
  mergeSealed,
  parseFormat,
  parseScope,
  parseSingleObject,
  readCertificate,
  scopeOf,
  sealSecret,
  sealValue,
  type Scope,
} from '../secrets/index.js';

interface SealCliOptions {
  secretFile?: string;
  sealedSecretFile?: string;
  format: string;
  cert?: string;
  controllerNamespace: string;
  controllerName: string;
  scope?: string;
  raw?: boolean;
  name?: string;
  namespace?: string;
  fromFile: string[];
  mergeInto?: string;
  fetchCert?: boolean;
  reEncrypt?: boolean;
  validate?: boolean;
  allowEmptyData?: boolean;
  kubeconfig?: string;
  context?: string;
}

/** Cluster access, made only when a step needs it (sealing with --cert needs none). */
class SealSession {
  private kc: KubeConfig | undefined;

  constructor(readonly opts: SealCliOptions) {}

  kubeConfig(): KubeConfig {
    if (this.kc) return this.kc;
    const kc = new KubeConfig();
    if (this.opts.kubeconfig) kc.loadFromFile(this.opts.kubeconfig);
    else kc.loadFromDefault();
    if (this.opts.context) kc.setCurrentContext(this.opts.context);
    if (!kc.getCurrentCluster())
      throw new Error('no cluster in the kubeconfig (use --kubeconfig, or --cert to seal offline)');
    return (this.kc = kc);
  }

  /** The kubeconfig context's namespace, or default; undefined when there is no kubeconfig. */
  defaultNamespace(): string | undefined {
    try {
      const kc = this.kubeConfig();
      return kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default';
    } catch {
      return undefined;
    }
  }

  async controller(): Promise<ControllerClient> {
    const kc = this.kubeConfig();
    const cluster = await Cluster.fromKubeConfig('seal', kc);
    return new ControllerClient(cluster, kc, {
      namespace: this.opts.controllerNamespace,
      name: this.opts.controllerName,
    });
  }

  async certificatePem(): Promise<string> {
    const cert = this.opts.cert;
    if (!cert) return (await this.controller()).certificate();
    if (/^https?:\/\//.test(cert)) {
      const res = await fetch(cert);
      if (!res.ok) throw new Error(`cannot fetch ${cert}: ${res.status} ${res.statusText}`);
      return res.text();
    }
    return readFileSync(cert.replace(/^file:\/\//, ''), 'utf8');
  }

  input(): string {
    return readFileSync(this.opts.secretFile ?? 0, 'utf8');
  }

  output(text: string): void {
    if (this.opts.sealedSecretFile) writeFileSync(this.opts.sealedSecretFile, text);
    else process.stdout.write(text);
  }
}

async function sealRaw(s: SealSession): Promise<string> {
  const { opts } = s;
  const scope: Scope = parseScope(opts.scope);
  const namespace = opts.namespace ?? (scope === 'cluster-wide' ? '' : s.defaultNamespace());
  if (scope !== 'cluster-wide' && !namespace)
    throw new Error('--raw needs --namespace unless --scope cluster-wide');
  if (scope === 'strict' && !opts.name) throw new Error('--raw with --scope strict needs --name');
  if (opts.fromFile.length > 1) throw new Error('--raw takes one --from-file');
  const source = opts.fromFile[0]?.replace(/^[^=]*=/, '');
  const value = source ? readFileSync(source) : readFileSync(0);
  const { publicKey } = readCertificate(await s.certificatePem());
  return sealValue(publicKey, value, { namespace: namespace ?? '', name: opts.name ?? '', scope });
}

async function sealFile(s: SealSession): Promise<string> {
  const { opts } = s;
  const secret = parseSingleObject(s.input(), 'Secret') as SecretObject;
  const into = opts.mergeInto
    ? (parseSingleObject(readFileSync(opts.mergeInto, 'utf8'), 'SealedSecret') as SealedSecret)
    : undefined;
  const { publicKey } = readCertificate(await s.certificatePem());
  // Merged values must decrypt under the existing SealedSecret's scope, so it is the default.
  const scope = opts.scope ? parseScope(opts.scope) : into ? scopeOf(into.metadata.annotations) : undefined;
  const sealed = sealSecret(secret, publicKey, {
    scope,
    allowEmptyData: opts.allowEmptyData,
    defaultNamespace: s.defaultNamespace(),
    name: into?.metadata.name ?? opts.name,
    namespace: into?.metadata.namespace ?? opts.namespace,
  });
  return formatObject(into ? mergeSealed(into, sealed) : sealed, parseFormat(opts.format));
}

async function runSeal(opts: SealCliOptions): Promise<void> {
  const s = new SealSession(opts);
  if (opts.fetchCert) return s.output(await s.certificatePem());
  if (opts.validate) {
    if (!(await (await s.controller()).verify(s.input()))) throw new Error('unable to decrypt sealed secret');
    return;
  }
  if (opts.reEncrypt) {
    const rotated = await (await s.controller()).rotate(s.input());
    return s.output(formatObject(rotated, parseFormat(opts.format)));
  }
  if (opts.raw) return s.output(await sealRaw(s));
  const text = await sealFile(s);
  if (opts.mergeInto) writeFileSync(opts.mergeInto, text);
  else s.output(text);
}

function runLint(path: string): void {
  const findings = findPlainSecrets(path);
  for (const f of findings)
    process.stdout.write(
      `${f.file} (document ${f.document + 1}): Secret "${f.name}" holds ${f.keys} plain value${f.keys === 1 ? '' : 's'}; seal it (ferry seal or kubeseal) and commit the SealedSecret instead\n`,
    );
  if (findings.length > 0) {
    process.stdout.write(`${findings.length} plain Secret${findings.length === 1 ? '' : 's'} found\n`);
    process.exitCode = 1;
  } else process.stdout.write('no plain Secrets found\n');
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerSealCommands(program: Command): void {
  program
    .command('seal')
    .description('seal a Secret into a SealedSecret for one cluster (kubeseal-compatible)')
    .option('-f, --secret-file <file>', 'Secret (input) file; default stdin')
    .option('-w, --sealed-secret-file <file>', 'SealedSecret (output) file; default stdout')
    .option('-o, --format <format>', 'output format: json or yaml', 'json')
    .option('--cert <file|url>', 'certificate to seal with; default: fetched from the cluster')
    .option(
      '--controller-namespace <ns>',
      'namespace of the sealing controller',
      DEFAULT_CONTROLLER_NAMESPACE,
    )
    .option('--controller-name <name>', 'name of the sealing controller Service', DEFAULT_CONTROLLER_NAME)
    .option(
      '--scope <scope>',
      'strict, namespace-wide or cluster-wide (default: from the Secret annotations, else strict)',
    )
    .option('--raw', 'seal one value (from --from-file or stdin) and print its ciphertext')
    .option('--name <name>', 'name of the Secret (with --raw and strict scope)')
    .option('-n, --namespace <ns>', 'namespace of the Secret (default: the kubeconfig namespace)')
    .option('--from-file <[key=]path>', 'with --raw: the file holding the value', collect, [])
    .option('--merge-into <file>', 'merge the values into this SealedSecret file, in place')
    .option('--allow-empty-data', 'seal a Secret without data')
    .option('--fetch-cert', 'print the controller certificate')
    .option('--re-encrypt', 're-encrypt the SealedSecret on stdin with the newest cluster key')
    .option('--validate', 'check that the controller can decrypt the SealedSecret on stdin')
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context')
    .action((opts: SealCliOptions) => runSeal(opts));

  program
    .command('lint')
    .description('check a GitOps folder: refuses plain Secrets with data (seal them instead)')
    .argument('[path]', 'folder or file to check', '.')
    .action((path: string) => runLint(path));
}
