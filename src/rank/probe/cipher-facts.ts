/** Pure readings of a negotiated suite: symmetric strength and forward secrecy from its OpenSSL name. */

/** Symmetric key bits of an OpenSSL or IANA suite name (0 for NULL encryption, 112 for 3DES). */
export function cipherBits(name: string): number {
  const upper = name.toUpperCase();
  if (/NULL/.test(upper) && !/ANULL/.test(upper)) return 0;
  if (/CHACHA20/.test(upper)) return 256;
  if (/3DES|DES-CBC3|DES_EDE/.test(upper)) return 112;
  if (/(^|[-_])DES([-_]|$)/.test(upper)) return 56;
  if (/RC4/.test(upper)) return 128;
  const bits = /(?:AES|CAMELLIA|ARIA|SEED)[-_]?(\d{3})/.exec(upper)?.[1];
  if (bits) return Number(bits);
  if (/SEED|IDEA/.test(upper)) return 128;
  return 0;
}

/** TLS 1.3 suites are always forward-secret; before it only (EC)DHE key exchange is. */
export function forwardSecret(name: string, version: string): boolean {
  if (version === 'TLSv1.3' || name.startsWith('TLS_')) return true;
  return /^(ECDHE|DHE|EDH)-/.test(name.toUpperCase());
}

/** Anonymous (no certificate) or NULL-encryption suites. */
export function anonymousOrNull(name: string): boolean {
  const upper = name.toUpperCase();
  return /^(ADH|AECDH)-|ANON|NULL/.test(upper);
}
