/**
 * TLSA (DANE, RFC 6698) lookups. Node 20's resolver has no TLSA query, so this asks one DNS
 * server directly over UDP: one question, one datagram back, a timeout, at most MAX_RECORDS kept.
 */
import dgram from 'node:dgram';
import { getServers } from 'node:dns';
import net from 'node:net';
import { randomInt } from 'node:crypto';

const TYPE_TLSA = 52;
const CLASS_IN = 1;
const MAX_RECORDS = 16;
const RCODES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 3: 'ENOTFOUND', 4: 'NOTIMP', 5: 'REFUSED' };

/** A recursive query for `name` TLSA with the given id. */
export function encodeTlsaQuery(name: string, id: number): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  const header = Buffer.from([id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
  const qname = Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);
  return Buffer.concat([header, qname, Buffer.from([0, TYPE_TLSA, 0, CLASS_IN])]);
}

/** Skips a (possibly compressed) name starting at `offset`; returns the offset after it. */
function skipName(message: Buffer, offset: number): number {
  while (offset < message.length) {
    const length = message[offset]!;
    if (length === 0) return offset + 1;
    if ((length & 0xc0) === 0xc0) return offset + 2;
    offset += length + 1;
  }
  throw new Error('truncated name');
}

/** TLSA answers as "usage selector matching-type hex", or the DNS error code as a string. */
export function parseTlsaResponse(message: Buffer, id: number): string[] | string {
  if (message.length < 12 || message.readUInt16BE(0) !== id) return 'malformed answer';
  const rcode = message[3]! & 0x0f;
  if (rcode !== 0) return RCODES[rcode] ?? `rcode ${rcode}`;
  const questions = message.readUInt16BE(4);
  const answers = message.readUInt16BE(6);
  let offset = 12;
  try {
    for (let i = 0; i < questions; i++) offset = skipName(message, offset) + 4;
    const records: string[] = [];
    for (let i = 0; i < answers && records.length < MAX_RECORDS; i++) {
      offset = skipName(message, offset);
      const type = message.readUInt16BE(offset);
      const length = message.readUInt16BE(offset + 8);
      const data = message.subarray(offset + 10, offset + 10 + length);
      if (data.length !== length) return 'malformed answer';
      offset += 10 + length;
      if (type === TYPE_TLSA && length >= 3) records.push(`${data[0]} ${data[1]} ${data[2]} ${data.subarray(3).toString('hex')}`);
    }
    return records;
  } catch {
    return 'malformed answer';
  }
}

function serverAddress(servers: string[] | undefined): { host: string; port: number } | undefined {
  const first = (servers?.length ? servers : getServers())[0];
  if (!first) return undefined;
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(first);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 53) };
  if (net.isIPv6(first)) return { host: first, port: 53 };
  const [host, port] = first.split(':');
  return { host: host!, port: Number(port ?? 53) };
}

/** The TLSA records of `name`, or why there are none ("ENOTFOUND", "timeout", …). */
export function queryTlsa(name: string, servers: string[] | undefined, timeoutMs: number): Promise<string[] | string> {
  const server = serverAddress(servers);
  if (!server) return Promise.resolve('no DNS server configured');
  const id = randomInt(0, 0xffff);
  const socket = dgram.createSocket(net.isIPv6(server.host) ? 'udp6' : 'udp4');
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: string[] | string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.on('message', (message) => done(parseTlsaResponse(message, id)));
    socket.on('error', (error) => done((error as NodeJS.ErrnoException).code ?? error.message));
    // Connected, so a closed port comes back as ECONNREFUSED instead of a timeout.
    socket.connect(server.port, server.host, () => socket.send(encodeTlsaQuery(name, id)));
  });
}
