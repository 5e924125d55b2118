/**
 * SCRAM client (RFC 5802, RFC 7677) with Node's native PBKDF2: the key derivation is one
 * `crypto.pbkdf2` call on the thread pool instead of thousands of JavaScript HMAC rounds, and
 * is cached per (password, salt, iterations) for repeat logins (salted-password.ts).
 * Pure message logic; sasl.ts moves the messages over the stream.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { XmppAuthError, XmppServerFault } from './errors.js';
import { streamLimits } from './limits.js';
import { saltedPassword as deriveSaltedPassword } from './salted-password.js';

export type ScramHash = 'SHA-1' | 'SHA-256';

const NODE_DIGEST: Record<ScramHash, { name: string; length: number }> = {
  'SHA-1': { name: 'sha1', length: 20 },
  'SHA-256': { name: 'sha256', length: 32 },
};

export interface ChannelBinding {
  /** e.g. tls-exporter, tls-server-end-point, tls-unique */
  type: string;
  data: Buffer;
}

export interface ScramClientOptions {
  hash: ScramHash;
  username: string;
  password: string;
  /** Set for the -PLUS mechanisms: sent as `p=<type>` and bound into the proof. */
  channelBinding?: ChannelBinding;
  /** Without binding: true sends `y` (we could bind but the server offered no -PLUS), else `n`. */
  couldBind?: boolean;
  /** Fixed client nonce, for the RFC test vectors only. */
  nonce?: string;
}

/** RFC 4013 SASLprep, the mapping part: odd spaces to U+0020, invisible characters dropped, NFKC. */
export function saslPrep(value: string): string {
  return value
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/g, '')
    .normalize('NFKC');
}

/** `=` and `,` are escaped in the SCRAM username (RFC 5802 §5.1). */
function saslName(username: string): string {
  return saslPrep(username).replace(/=/g, '=3D').replace(/,/g, '=2C');
}

function fail(condition: string, text: string): XmppAuthError {
  return new XmppAuthError(condition, text, { origin: 'client' });
}

/** `a=1,b=2` into a map; values may contain `=`. */
function parseAttributes(message: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const part of message.split(',')) {
    const split = part.indexOf('=');
    if (split !== 1) throw fail('malformed-server-message', `unexpected SCRAM attribute "${part}"`);
    attributes.set(part[0]!, part.slice(2));
  }
  return attributes;
}

export class ScramClient {
  readonly #options: ScramClientOptions;
  readonly #nonce: string;
  readonly #gs2Header: string;
  #clientFirstBare = '';
  #serverSignature?: Buffer;

  constructor(options: ScramClientOptions) {
    this.#options = options;
    this.#nonce = options.nonce ?? randomBytes(18).toString('base64');
    const flag = options.channelBinding ? `p=${options.channelBinding.type}` : options.couldBind ? 'y' : 'n';
    this.#gs2Header = `${flag},,`;
  }

  clientFirst(): string {
    this.#clientFirstBare = `n=${saslName(this.#options.username)},r=${this.#nonce}`;
    return this.#gs2Header + this.#clientFirstBare;
  }

  /** Answers the server-first message with the proof; derives the keys natively. */
  async clientFinal(serverFirst: string): Promise<string> {
    const attributes = parseAttributes(serverFirst);
    if (attributes.has('m')) throw fail('malformed-server-message', 'unsupported mandatory SCRAM extension');
    const nonce = attributes.get('r');
    const salt = attributes.get('s');
    const iterations = Number(attributes.get('i'));
    if (!nonce || !salt || !Number.isInteger(iterations) || iterations < 1) {
      throw fail('malformed-server-message', 'server-first message lacks r, s or a valid i');
    }
    const { maxScramIterations } = streamLimits();
    if (iterations > maxScramIterations) {
      // The client would spend seconds to hours of CPU at the server's bidding (limits.ts).
      throw new XmppServerFault('policy-violation', `the server asked for ${iterations} SCRAM iterations; limit ${maxScramIterations}`);
    }
    if (!nonce.startsWith(this.#nonce) || nonce.length === this.#nonce.length) {
      throw fail('server-nonce-invalid', 'the server nonce does not extend the client nonce');
    }

    const { hash, password, channelBinding } = this.#options;
    const digest = NODE_DIGEST[hash];
    const bindInput = channelBinding
      ? Buffer.concat([Buffer.from(this.#gs2Header), channelBinding.data])
      : Buffer.from(this.#gs2Header);
    const finalWithoutProof = `c=${bindInput.toString('base64')},r=${nonce}`;
    const authMessage = `${this.#clientFirstBare},${serverFirst},${finalWithoutProof}`;

    const saltedPassword = await deriveSaltedPassword(digest.name, digest.length, saslPrep(password), Buffer.from(salt, 'base64'), iterations);
    const hmac = (key: Buffer, data: string) => createHmac(digest.name, key).update(data).digest();
    const clientKey = hmac(saltedPassword, 'Client Key');
    const storedKey = createHash(digest.name).update(clientKey).digest();
    const clientSignature = hmac(storedKey, authMessage);
    const proof = Buffer.alloc(clientKey.length);
    for (let i = 0; i < proof.length; i++) proof[i] = clientKey[i]! ^ clientSignature[i]!;
    this.#serverSignature = hmac(hmac(saltedPassword, 'Server Key'), authMessage);

    return `${finalWithoutProof},p=${proof.toString('base64')}`;
  }

  /** Checks the server-final message (`v=`); a mismatch means the server never knew the password. */
  verifyServerFinal(serverFinal: string): void {
    if (!this.#serverSignature) throw fail('malformed-server-message', 'server-final before client-final');
    const attributes = parseAttributes(serverFinal);
    const error = attributes.get('e');
    if (error) throw new XmppAuthError(error, 'SCRAM server-final error', { origin: 'server' });
    const signature = Buffer.from(attributes.get('v') ?? '', 'base64');
    if (signature.length !== this.#serverSignature.length || !timingSafeEqual(signature, this.#serverSignature)) {
      throw fail('server-signature-invalid', 'the server signature (v=) does not match');
    }
  }
}
