/** The one thing we read from a certificate's DER that Node does not expose: its signature algorithm. */

/** Reads one DER tag-length header at `offset`; returns where its content starts and ends. */
function readDer(der: Buffer, offset: number): { start: number; end: number } {
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i]!;
    start += bytes;
  }
  return { start, end: start + length };
}

/**
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID, ... }, signature }:
 * the signature algorithm's OID as hex of its DER content bytes (e.g. '2a864886f70d01010b').
 */
export function signatureAlgorithmOid(der: Buffer): string {
  const certificate = readDer(der, 0);
  const tbs = readDer(der, certificate.start);
  const algorithm = readDer(der, tbs.end);
  const oid = readDer(der, algorithm.start);
  return der.subarray(oid.start, oid.end).toString('hex');
}
