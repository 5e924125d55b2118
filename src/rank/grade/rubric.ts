/**
 * The rubric's numbers, in one place: docs/rank.md repeats them and a unit test keeps the two in
 * step. The TLS part follows the structure of SSL Labs' SSL Server Rating Guide (version 2009q,
 * https://github.com/ssllabs/research/wiki/SSL-Server-Rating-Guide): three category scores
 * combined 30/30/40 into 0–100, a letter from the score, then rules that cap the letter.
 */
import type { TlsVersion } from '../facts.js';
import type { Letter } from './types.js';

export const PROTOCOL_SCORE: Record<TlsVersion, number> = { TLSv1: 90, 'TLSv1.1': 95, 'TLSv1.2': 100, 'TLSv1.3': 100 };

/** RSA-equivalent key bits → key exchange score (first row whose bound the key is below). */
export const KEY_SCORE: Array<{ below: number; score: number }> = [
  { below: 512, score: 20 },
  { below: 1024, score: 40 },
  { below: 2048, score: 80 },
  { below: 4096, score: 90 },
  { below: Infinity, score: 100 },
];

/** Elliptic-curve and EdDSA key bits → RSA-equivalent bits (NIST SP 800-57 comparable strengths). */
export const EC_RSA_EQUIVALENT: Array<{ atLeast: number; rsa: number }> = [
  { atLeast: 512, rsa: 15360 },
  { atLeast: 384, rsa: 7680 },
  { atLeast: 256, rsa: 3072 },
  { atLeast: 224, rsa: 2048 },
  { atLeast: 160, rsa: 1024 },
  { atLeast: 0, rsa: 512 },
];

/** Symmetric cipher bits → cipher score (first row whose bound the bits are below). */
export const CIPHER_SCORE: Array<{ below: number; score: number }> = [
  { below: 1, score: 0 },
  { below: 128, score: 20 },
  { below: 256, score: 80 },
  { below: Infinity, score: 100 },
];

export const CATEGORY_WEIGHTS = { protocol: 0.3, keyExchange: 0.3, cipher: 0.4 } as const;

/** Score → letter: the first row the score reaches. */
export const LETTER_FROM_SCORE: Array<{ atLeast: number; letter: Letter }> = [
  { atLeast: 80, letter: 'A' },
  { atLeast: 65, letter: 'B' },
  { atLeast: 50, letter: 'C' },
  { atLeast: 35, letter: 'D' },
  { atLeast: 20, letter: 'E' },
  { atLeast: 0, letter: 'F' },
];

/** Best first. */
export const LETTERS: Letter[] = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F'];

/** The caps, each with the letter it allows at most. */
export const TLS_CAPS = {
  'cert-untrusted': 'F',
  'cert-expired': 'F',
  'cert-name-mismatch': 'F',
  'anonymous-or-null-cipher': 'F',
  'no-tls-1.2': 'C',
  'cipher-below-128-bits': 'C',
  'legacy-tls-accepted': 'B',
  'no-forward-secrecy': 'B',
  'key-below-2048-rsa-equivalent': 'B',
  'no-tls-1.3': 'A-',
} as const satisfies Record<string, Letter>;

export type TlsCapId = keyof typeof TLS_CAPS;

/** Security points: id → points. */
export const SECURITY_POINTS = {
  scram: 2,
  'scram-sha-256': 1,
  'channel-binding-plus': 2,
  'c2s-starttls-required': 2,
  's2s-tls-required': 2,
  'no-plain-before-tls': 1,
} as const;

/** Federation reachability points: id → points. */
export const FEDERATION_POINTS = {
  'federation-reachable': 2,
  'federation-authenticates': 1,
  'federation-dials-back': 1,
} as const;

/** Shares of the 100-point total. */
export const TOTAL_WEIGHTS = { c2sTls: 30, s2sTls: 15, security: 25, compliance: 20, federation: 10 } as const;

/** Letter → fraction of a TLS share. */
export const LETTER_FRACTION: Record<Letter, number> = { 'A+': 1, A: 0.95, 'A-': 0.85, B: 0.7, C: 0.5, D: 0.3, E: 0.15, F: 0 };
