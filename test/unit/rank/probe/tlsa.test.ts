import t from 'tap';
import { encodeTlsaQuery, parseTlsaResponse } from '../../../../src/rank/probe/tlsa.js';

/** A DNS answer as a server would send it: the question echoed, then answers pointing at it (0xc00c). */
function answer(id: number, rcode: number, records: Buffer[], question = encodeTlsaQuery('_5222._tcp.example.org', id).subarray(12)): Buffer {
  const header = Buffer.from([id >> 8, id & 0xff, 0x81, 0x80 | rcode, 0, 1, 0, records.length, 0, 0, 0, 0]);
  const rrs = records.map((data) => Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 52, 0, 1, 0, 0, 0, 60, data.length >> 8, data.length & 0xff]), data]));
  return Buffer.concat([header, question, ...rrs]);
}

t.test('the query names TLSA (type 52) in class IN with recursion desired', async (t) => {
  const query = encodeTlsaQuery('_5222._tcp.example.org.', 0x1234);
  t.equal(query.readUInt16BE(0), 0x1234, 'id');
  t.equal(query[2], 0x01, 'RD set');
  t.same([...query.subarray(12, 18)], [5, 0x5f, 0x35, 0x32, 0x32, 0x32], 'first label _5222');
  t.same([...query.subarray(-4)], [0, 52, 0, 1], 'TLSA IN');
});

t.test('answers are read as "usage selector matching-type hex"', async (t) => {
  const record = Buffer.from([3, 1, 1, 0xab, 0xcd]);
  t.same(parseTlsaResponse(answer(7, 0, [record]), 7), ['3 1 1 abcd']);
  t.same(parseTlsaResponse(answer(7, 0, []), 7), [], 'no records');
});

t.test('errors and broken answers are named, never thrown', async (t) => {
  t.equal(parseTlsaResponse(answer(7, 3, []), 7), 'ENOTFOUND', 'NXDOMAIN');
  t.equal(parseTlsaResponse(answer(7, 2, []), 7), 'SERVFAIL');
  t.equal(parseTlsaResponse(answer(8, 0, []), 7), 'malformed answer', 'another id');
  const truncated = answer(7, 0, [Buffer.from([3, 1, 1, 0xab])]).subarray(0, -2);
  t.equal(parseTlsaResponse(truncated, 7), 'malformed answer', 'record shorter than its length');
  t.equal(parseTlsaResponse(Buffer.alloc(5), 7), 'malformed answer', 'shorter than a header');
});

t.test('at most 16 records are kept from one answer', async (t) => {
  const records = Array.from({ length: 40 }, (_, i) => Buffer.from([3, 1, 1, i]));
  t.equal((parseTlsaResponse(answer(9, 0, records), 9) as string[]).length, 16);
});
