/**
 * Sealing certificates: the controller's self-signed X.509 certificate over its RSA public key,
 * made as the sealed-secrets controller makes it (CA, key usage "encipher only", random
 * 128-bit serial, SHA-256 with RSA), and read back as kubeseal reads one.
 */
import { X509Certificate, createHash, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as der from './der.js';
import { CertificateError } from './errors.js';

const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  commonName: '2.5.4.3',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  subjectKeyId: '2.5.29.14',
};

export interface CertificateRequest {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Subject and issuer CN; the sealed-secrets controller's default is empty. */
  commonName: string;
  notBefore: Date;
  notAfter: Date;
}

function name(commonName: string): Buffer {
  if (commonName === '') return der.sequence();
  return der.sequence(
    der.set(der.sequence(der.objectIdentifier(OID.commonName), der.utf8String(commonName))),
  );
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(
    der.objectIdentifier(oid),
    ...(critical ? [der.boolean(true)] : []),
    der.octetString(value),
  );
}

function extensions(publicKey: KeyObject): Buffer {
  const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'der' });
  return der.explicit(
    3,
    der.sequence(
      // encipherOnly is bit 7: one byte 0x01, no unused bits.
      extension(OID.keyUsage, true, der.bitString(Buffer.from([0x01]))),
      extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
      extension(OID.subjectKeyId, false, der.octetString(createHash('sha1').update(pkcs1).digest())),
    ),
  );
}

/** A self-signed certificate, PEM-encoded. */
export function selfSignedCertificate(req: CertificateRequest): string {
  const algorithm = der.sequence(der.objectIdentifier(OID.sha256WithRSA), der.nullValue());
  const serial = randomBytes(16);
  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)),
    der.unsignedInteger(serial),
    algorithm,
    name(req.commonName),
    der.sequence(der.time(req.notBefore), der.time(req.notAfter)),
    name(req.commonName),
    req.publicKey.export({ type: 'spki', format: 'der' }),
    extensions(req.publicKey),
  );
  const signature = sign('sha256', tbs, req.privateKey);
  const certificate = der.sequence(tbs, algorithm, der.bitString(signature));
  const lines = certificate.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export interface SealingCertificate {
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  pem: string;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/**
 * The first certificate in `text`, as kubeseal takes it: it must hold an RSA public key and
 * must not have expired (`now` is the clock).
 */
export function readCertificate(text: string, now: Date = new Date()): SealingCertificate {
  const block = PEM_BLOCK.exec(text)?.[0];
  if (!block) throw new CertificateError('no PEM certificate found (expected -----BEGIN CERTIFICATE-----)');
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(block);
  } catch (err) {
    throw new CertificateError(`cannot parse the certificate: ${(err as Error).message}`, { cause: err });
  }
  const publicKey = createPublicKey(x509.publicKey.export({ type: 'spki', format: 'pem' }));
  if (publicKey.asymmetricKeyType !== 'rsa')
    throw new CertificateError(
      `expected an RSA public key, found ${publicKey.asymmetricKeyType ?? 'unknown'}`,
    );
  const notAfter = new Date(x509.validTo);
  if (now > notAfter)
    throw new CertificateError(
      `failed to encrypt using an expired certificate (expired ${notAfter.toISOString()})`,
    );
  return { publicKey, notBefore: new Date(x509.validFrom), notAfter, pem: `${block}\n` };
}
