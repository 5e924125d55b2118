/**
 * Certificates for simulated peer domains. The issuing CA is passed in (the lab CA, or any CA the
 * target trusts): peers only authenticate by SASL EXTERNAL when the target trusts it. One
 * certificate per domain, made on first use, so a name mismatch stays a per-domain property.
 */
import tls from 'node:tls';

/** What issues peer certificates; the lab CA (src/lab/ca.ts) has this shape. */
export interface CertificateIssuer {
  /** The issuing CA's certificate, also trusted for the certificates targets present to us. */
  certPem: string;
  issue(names: string[], options?: { clientAuth?: boolean }): { certPem: string; keyPem: string };
}

export interface PeerCredentials {
  cert: string;
  key: string;
}

export class PeerCertificates {
  readonly #issuer: CertificateIssuer;
  /** CAs that vouch for targets' certificates (theirs to us, as servers or clients). */
  readonly trusted: string[];
  readonly #credentials = new Map<string, PeerCredentials>();
  readonly #contexts = new Map<string, tls.SecureContext>();

  /** `provided`: the operator's own certificate and key for some domains (PEM), used as they are. */
  constructor(issuer: CertificateIssuer, trustedCaPems: readonly string[] = [], provided: ReadonlyMap<string, PeerCredentials> = new Map()) {
    this.#issuer = issuer;
    this.trusted = [issuer.certPem, ...trustedCaPems];
    for (const [domain, credentials] of provided) this.#credentials.set(domain.toLowerCase(), credentials);
  }

  /** Certificate and key naming `domain`, usable as server and as client certificate. */
  credentials(domain: string): PeerCredentials {
    const key = domain.toLowerCase();
    let found = this.#credentials.get(key);
    if (!found) {
      const issued = this.#issuer.issue([key], { clientAuth: true });
      found = { cert: issued.certPem, key: issued.keyPem };
      this.#credentials.set(key, found);
    }
    return found;
  }

  /** From now on `domain` presents `owner`'s certificate (conformance checks of name matching). */
  adopt(domain: string, owner: string): void {
    this.#credentials.set(domain.toLowerCase(), this.credentials(owner));
    this.#contexts.delete(domain.toLowerCase());
  }

  /** A server-side TLS context presenting `domain`'s certificate. */
  serverContext(domain: string): tls.SecureContext {
    const key = domain.toLowerCase();
    let context = this.#contexts.get(key);
    if (!context) {
      context = tls.createSecureContext({ ...this.credentials(key), ca: this.trusted });
      this.#contexts.set(key, context);
    }
    return context;
  }
}
