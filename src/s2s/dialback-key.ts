/**
 * Dialback keys as XEP-0185 §2 recommends and XEP-0220 §2.1.1 / §2.2.2 show in their examples:
 * key = hex(HMAC-SHA256(SHA256(secret), receiving + ' ' + originating + ' ' + streamId)).
 * Only the authoritative server (the one knowing the secret) ever recomputes a key, so any
 * scheme would do between our own peers; using the published one makes the spec's vectors our tests.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface DialbackKeyInput {
  /** The domain the key is sent to (XEP-0220's Receiving Server / Target Domain). */
  receiving: string;
  /** The domain that claims to send (Initiating Server / Sender Domain). */
  originating: string;
  /** The id of the stream header the receiving server sent on the connection carrying the key. */
  streamId: string;
}

export function dialbackKey(secret: string, input: DialbackKeyInput): string {
  const hashedSecret = createHash('sha256').update(secret, 'utf8').digest('hex');
  return createHmac('sha256', hashedSecret)
    .update(`${input.receiving} ${input.originating} ${input.streamId}`, 'utf8')
    .digest('hex');
}

/** Constant-time comparison of a presented key with the one we would have generated. */
export function isValidDialbackKey(secret: string, input: DialbackKeyInput, presented: string): boolean {
  const expected = Buffer.from(dialbackKey(secret, input), 'utf8');
  const given = Buffer.from(presented.trim().toLowerCase(), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A fresh random secret for one run of simulated peers (never configured, never logged). */
export function newDialbackSecret(): string {
  return randomBytes(32).toString('hex');
}
