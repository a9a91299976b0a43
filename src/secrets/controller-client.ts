/**
 * Talking to the sealing controller from outside, as kubeseal does: through the API server's
 * service proxy to `<controller-namespace>/<controller-name>` (its first port), paths
 * /v1/cert.pem, /v1/verify and /v1/rotate. When no such Service answers (Ferry running outside
 * the cluster), the certificate is read from the newest active key Secret's public `tls.crt`.
 */
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type RequestOptions } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { SEALING_KEY_LABEL, type SealedSecret } from '../api/bitnami/types.js';
import type { Cluster } from '../kube/cluster.js';
import { readCertificate } from './cert.js';

export interface ControllerRef {
  namespace: string;
  name: string;
}

interface ProxyAnswer {
  status: number;
  text: string;
}

export class ControllerClient {
  constructor(
    private readonly cluster: Cluster,
    private readonly kubeConfig: KubeConfig,
    private readonly ref: ControllerRef,
  ) {}

  /** A request to the controller through the service proxy; undefined when there is no Service. */
  async request(method: 'GET' | 'POST', path: string, body?: string): Promise<ProxyAnswer | undefined> {
    const { namespace, name } = this.ref;
    const service = await this.cluster.get({ apiVersion: 'v1', kind: 'Service', namespace, name });
    if (!service) return undefined;
    const port = (service.spec as { ports?: Array<{ name?: string; port: number }> }).ports?.[0];
    const portName = port?.name || String(port?.port ?? '');
    const url = new URL(
      `api/v1/namespaces/${namespace}/services/http:${name}:${portName}/proxy${path}`,
      `${this.cluster.server}/`,
    );
    return this.send(url, method, body);
  }

  private async send(url: URL, method: string, body: string | undefined): Promise<ProxyAnswer> {
    const opts: RequestOptions = { method, headers: { Accept: 'application/x-pem-file, */*' } };
    await this.kubeConfig.applyToHTTPSOptions(opts);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, { ...opts, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** The controller's current certificate (PEM). */
  async certificate(): Promise<string> {
    const answer = await this.request('GET', '/v1/cert.pem');
    if (answer?.status === 200) return answer.text;
    const fromSecret = await this.certificateFromKeySecrets();
    if (fromSecret) return fromSecret;
    const why = answer
      ? `the controller answered ${answer.status}: ${answer.text.trim().slice(0, 200)}`
      : `no Service ${this.ref.namespace}/${this.ref.name}`;
    throw new Error(
      `cannot fetch certificate: ${why}, and no active key Secret in ${this.ref.namespace}; use --controller-namespace/--controller-name or --cert`,
    );
  }

  /** The newest active key's certificate, read from its Secret's public half only. */
  private async certificateFromKeySecrets(): Promise<string | undefined> {
    const secrets = await this.cluster.list('v1', 'Secret', {
      namespace: this.ref.namespace,
      labelSelector: `${SEALING_KEY_LABEL}=active`,
    });
    const certs = secrets
      .map((s) => (s.data as Record<string, string> | undefined)?.['tls.crt'])
      .filter((c): c is string => typeof c === 'string')
      .map((c) => Buffer.from(c, 'base64').toString())
      .map((pem) => ({ pem, notBefore: readCertificate(pem, new Date(0)).notBefore }));
    certs.sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime());
    return certs.at(-1)?.pem;
  }

  /** Whether the controller can decrypt `sealed` (POST /v1/verify: 200 yes, 409 no). */
  async verify(sealed: string): Promise<boolean> {
    const answer = await this.required('POST', '/v1/verify', sealed);
    if (answer.status === 200) return true;
    if (answer.status === 409) return false;
    throw new Error(`cannot validate sealed secret: the controller answered ${answer.status}`);
  }

  /** The SealedSecret re-encrypted with the controller's newest key (POST /v1/rotate). */
  async rotate(sealed: string): Promise<SealedSecret> {
    const answer = await this.required('POST', '/v1/rotate', sealed);
    if (answer.status !== 200)
      throw new Error(
        `cannot re-encrypt secret: the controller answered ${answer.status}: ${answer.text.trim().slice(0, 300)}`,
      );
    return JSON.parse(answer.text) as SealedSecret;
  }

  private async required(method: 'GET' | 'POST', path: string, body?: string): Promise<ProxyAnswer> {
    const answer = await this.request(method, path, body);
    if (!answer)
      throw new Error(
        `no Service ${this.ref.namespace}/${this.ref.name} to reach the controller; use --controller-namespace/--controller-name`,
      );
    return answer;
  }
}
