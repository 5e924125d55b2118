/**
 * TLS for c2s, used both for STARTTLS and for direct TLS (XEP-0368): SNI and certificate
 * identity are the XMPP domain, never the connect address; trust is the scenario's CA file or
 * Node's default roots. Verification always stays on.
 */
import net from 'node:net';
import tls from 'node:tls';
import { XmppConnectError } from './errors.js';

export interface TlsSettings {
  /** PEM contents of the CA(s) to trust instead of Node's default roots. */
  ca?: string | Buffer | Array<string | Buffer>;
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
}

export interface SecureOptions extends TlsSettings {
  domain: string;
  timeoutMs: number;
  /** ALPN protocols to offer; XEP-0368 asks for `xmpp-client` on direct TLS. */
  alpn?: string[];
}

/** OpenSSL verification failures: the chain does not lead to a trusted, valid CA. */
const UNTRUSTED = /^(UNABLE_TO_|CERT_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|INVALID_CA|PATH_LENGTH|INVALID_PURPOSE)/;

export function classifyTlsError(error: unknown, domain: string): XmppConnectError {
  if (error instanceof XmppConnectError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const message = `TLS with ${domain}: ${(error as Error)?.message ?? String(error)}`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new XmppConnectError('tls-hostname', message, {
      hint: `the certificate does not name ${domain}: check the domain or the server's certificate`,
      cause: error,
    });
  }
  if (code === 'ERR_SSL_TLSV1_UNRECOGNIZED_NAME') {
    // The server's answer to an SNI name it has no certificate for (TLS alert 112).
    return new XmppConnectError('tls-hostname', `${domain}: the server does not recognise this name (SNI)`, {
      hint: `check that the server hosts ${domain}`,
      cause: error,
    });
  }
  if (UNTRUSTED.test(code)) {
    return new XmppConnectError('tls-untrusted', `${message} (${code})`, {
      hint: "trust the server's CA through the scenario's CA file; verification is never turned off",
      cause: error,
    });
  }
  return new XmppConnectError('tls-handshake', message, { cause: error });
}

/** Parsing the CA bundle dominated the client's CPU per login: build each context once. */
const contexts = new Map<string, tls.SecureContext>();

function secureContextFor({ ca, minVersion, maxVersion }: TlsSettings): tls.SecureContext {
  const cacheable = ca === undefined || typeof ca === 'string';
  const key = `${minVersion}|${maxVersion}|${ca ?? ''}`;
  let context = cacheable ? contexts.get(key) : undefined;
  if (!context) {
    context = tls.createSecureContext({ ca, minVersion, maxVersion });
    if (cacheable) contexts.set(key, context);
  }
  return context;
}

/**
 * OpenSSL sizes each connection's write buffer by the largest record it may send (16 KB by
 * default). Stanzas are almost always far smaller; 4 KB records saved 3.5 KB (STARTTLS) to
 * 7.5 KB (direct TLS) of the ~50 KB each TLS connection costs, for under 1% framing overhead on
 * the rare larger stanza.
 */
const MAX_SEND_FRAGMENT = 4096;

/** Runs the TLS handshake over an open TCP socket and resolves once the peer is verified. */
export function secureSocket(socket: net.Socket, options: SecureOptions): Promise<tls.TLSSocket> {
  const { domain, timeoutMs, alpn, ca, minVersion, maxVersion } = options;
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      servername: net.isIP(domain) ? undefined : domain,
      secureContext: secureContextFor({ ca, minVersion, maxVersion }),
      ALPNProtocols: alpn,
      checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(domain, certificate),
    });
    secure.setMaxSendFragment(MAX_SEND_FRAGMENT);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      secure.destroy();
      socket.destroy();
      reject(classifyTlsError(error, domain));
    };
    const timer = setTimeout(
      () => fail(new XmppConnectError('timeout', `TLS handshake with ${domain} took over ${timeoutMs} ms`)),
      timeoutMs,
    );
    secure.once('close', () => socket.destroy());
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.removeListener('error', fail);
      secure.setNoDelay(true);
      resolve(secure);
    });
    secure.once('error', fail);
  });
}
