/** TLS grade of one direction (c2s or s2s), after SSL Labs' rating guide (see rubric.ts). */
import type { HostFacts, TlsFacts, TlsVersion } from '../facts.js';
import {
  CATEGORY_WEIGHTS, CIPHER_SCORE, EC_RSA_EQUIVALENT, KEY_SCORE, LETTER_FROM_SCORE, LETTERS, PROTOCOL_SCORE, TLS_CAPS, type TlsCapId,
} from './rubric.js';
import { mergeTraces, trace } from './trace.js';
import type { EndpointGrade, GradeRule, Letter, TlsGrade, TlsGradeValue } from './types.js';

/** The direction's "encryption required" fact: the XMPP counterpart of HSTS, needed for A+. */
export interface Required {
  value: boolean | undefined;
  path: string;
}

export function worse(a: Letter, b: Letter): Letter {
  return LETTERS.indexOf(a) >= LETTERS.indexOf(b) ? a : b;
}

function firstBelow(table: Array<{ below: number; score: number }>, value: number): number {
  return table.find((row) => value < row.below)!.score;
}

function rsaEquivalent(cert: NonNullable<TlsFacts['certificate']>): number | undefined {
  if (cert.keyType === 'RSA') return cert.keyBits;
  if (cert.keyType === 'EC' || cert.keyType === 'Ed25519' || cert.keyType === 'Ed448') {
    return EC_RSA_EQUIVALENT.find((row) => cert.keyBits >= row.atLeast)!.rsa;
  }
  return undefined;
}

function letterFor(score: number): Letter {
  return LETTER_FROM_SCORE.find((row) => score >= row.atLeast)!.letter;
}

function gradeEndpoint(host: HostFacts, tls: TlsFacts, at: string, required: Required): EndpointGrade {
  const endpoint = `${tls.mode} ${tls.host}:${tls.port}`;
  const versionsPath = `${at}.versionsAccepted`;
  const base = trace(host, [versionsPath, `${at}.versionsRefused`]);
  if (tls.versionsAccepted.length === 0) {
    if (tls.versionsRefused.length === 0) return { endpoint, grade: 'unknown', rules: [], unknown: 'no TLS version was tried', ...base };
    return { endpoint, grade: 'F', rules: [{ id: 'no-tls', letter: 'F', why: 'no TLS version was accepted', ...base }], ...base };
  }
  const cert = tls.certificate;
  const key = cert && rsaEquivalent(cert);
  if (!cert || key === undefined) {
    return { endpoint, grade: 'unknown', rules: [], unknown: cert ? `key type ${cert.keyType} not known` : 'certificate not observed', ...trace(host, [`${at}.certificate`]) };
  }
  const rules: GradeRule[] = [];
  const cap = (id: TlsCapId, why: string, paths: string[]) => rules.push({ id, letter: TLS_CAPS[id], why, ...trace(host, paths) });
  const certPath = `${at}.certificate`;
  const accepted = new Set<TlsVersion>(tls.versionsAccepted);

  if (!cert.trusted) cap('cert-untrusted', `certificate not trusted (${cert.trustError ?? 'no reason given'})`, [`${certPath}.trusted`]);
  if (cert.daysToExpiry < 0) cap('cert-expired', `certificate expired ${-cert.daysToExpiry} days ago (${cert.notAfter})`, [`${certPath}.daysToExpiry`]);
  if (!cert.identityMatches) cap('cert-name-mismatch', `certificate names no identity of ${host.domain}`, [`${certPath}.identityMatches`]);
  if (tls.acceptsAnonymousOrNull) cap('anonymous-or-null-cipher', 'anonymous or NULL cipher suites accepted', [`${at}.acceptsAnonymousOrNull`]);
  if (!accepted.has('TLSv1.2') && !accepted.has('TLSv1.3')) cap('no-tls-1.2', 'neither TLS 1.2 nor 1.3 accepted', [versionsPath]);
  if (tls.minCipherBits < 128) cap('cipher-below-128-bits', `a ${tls.minCipherBits}-bit cipher accepted`, [`${at}.minCipherBits`]);
  const legacy = tls.versionsAccepted.filter((v) => v === 'TLSv1' || v === 'TLSv1.1');
  if (legacy.length > 0) cap('legacy-tls-accepted', `${legacy.join(' and ')} accepted`, [versionsPath]);
  if (tls.ciphers.length > 0 && !tls.ciphers.some((c) => c.forwardSecret)) cap('no-forward-secrecy', 'no accepted cipher suite has forward secrecy', [`${at}.ciphers`]);
  if (key < 2048) cap('key-below-2048-rsa-equivalent', `${cert.keyType} ${cert.keyBits}-bit key (${key} RSA-equivalent)`, [`${certPath}.keyBits`]);
  if (!accepted.has('TLSv1.3')) cap('no-tls-1.3', 'TLS 1.3 not accepted', [versionsPath]);

  const protocolScores = tls.versionsAccepted.map((v) => PROTOCOL_SCORE[v]);
  const protocol = (Math.max(...protocolScores) + Math.min(...protocolScores)) / 2;
  const keyExchange = firstBelow(KEY_SCORE, key);
  const strongest = Math.max(tls.minCipherBits, ...tls.ciphers.map((c) => c.bits));
  const cipher = (firstBelow(CIPHER_SCORE, strongest) + firstBelow(CIPHER_SCORE, tls.minCipherBits)) / 2;
  const weighted = protocol * CATEGORY_WEIGHTS.protocol + keyExchange * CATEGORY_WEIGHTS.keyExchange + cipher * CATEGORY_WEIGHTS.cipher;
  // The guide: a zero in any category makes the whole score zero.
  const total = protocol === 0 || keyExchange === 0 || cipher === 0 ? 0 : Math.round(weighted * 10) / 10;

  let grade = rules.reduce<Letter>((letter, rule) => worse(letter, rule.letter), letterFor(total));
  // A+: an A with nothing capped, forward secrecy everywhere, and encryption required on this direction.
  const allForwardSecret = tls.ciphers.length > 0 && tls.ciphers.every((c) => c.forwardSecret);
  if (grade === 'A' && rules.length === 0 && allForwardSecret && required.value === true) {
    rules.push({ id: 'a-plus', letter: 'A+', why: 'TLS 1.3, forward secrecy only, and encryption required', ...trace(host, [versionsPath, `${at}.ciphers`, required.path]) });
    grade = 'A+';
  }
  const used = trace(host, [versionsPath, `${at}.ciphers`, `${at}.minCipherBits`, `${certPath}.keyBits`, `${certPath}.keyType`]);
  return { endpoint, grade, score: { protocol, keyExchange, cipher, total }, rules, ...mergeTraces([used, ...rules]) };
}

/** Worst endpoint wins; an unknown endpoint leaves the direction unknown only when none is graded. */
export function gradeTls(host: HostFacts, which: 'c2sTls' | 's2sTls', required: Required): TlsGrade {
  const endpoints = host[which].map((tls, i) => gradeEndpoint(host, tls, `${which}[${i}]`, required));
  const graded = endpoints.filter((e): e is EndpointGrade & { grade: Letter } => e.grade !== 'unknown');
  const traced = mergeTraces(endpoints);
  if (graded.length === 0) {
    const reason = host.unreachable ?? host.unknown[which] ?? endpoints.find((e) => e.unknown)?.unknown ?? 'no TLS endpoint was probed';
    return { grade: 'unknown', endpoints, unknown: reason, ...(traced.facts.length > 0 ? traced : trace(host, [which])) };
  }
  const grade: TlsGradeValue = graded.map((e) => e.grade).reduce(worse);
  return { grade, endpoints, ...traced };
}
