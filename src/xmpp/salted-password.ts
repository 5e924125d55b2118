/**
 * SCRAM's SaltedPassword (RFC 5802 §3: Hi(Normalize(password), salt, i)) derived with Node's
 * native PBKDF2 and kept in a bounded in-memory cache, as RFC 5802 §5.1 allows a client to do:
 * the server hands the same salt and iteration count to every login of an account, so a load
 * run that logs the same users in again skips the key derivation. The cache lives only in this
 * process's memory (never on disk or in logs), is keyed by a digest of its inputs rather than
 * the password, and forgets its oldest entries past `MAX_ENTRIES`.
 */
import { createHash, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);
const MAX_ENTRIES = 20_000;
/** Map order is insertion order: the first key is the oldest. */
const cache = new Map<string, Buffer>();

function cacheKey(digest: string, password: string, salt: Buffer, iterations: number): string {
  return createHash('sha256').update(`${digest}\0${iterations}\0`).update(salt).update('\0').update(password).digest('base64');
}

/** Hi() for `digest` (a Node hash name) of `length` bytes; `password` already SASLprep'd. */
export async function saltedPassword(digest: string, length: number, password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  const key = cacheKey(digest, password, salt, iterations);
  const known = cache.get(key);
  if (known) return known;
  const derived = await pbkdf2Async(password, salt, iterations, length, digest);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(key, derived);
  return derived;
}

/** Empties the cache (tests measure a cold derivation with it). */
export function forgetSaltedPasswords(): void {
  cache.clear();
}
