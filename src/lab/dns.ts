import dns2 from 'dns2';

/** Records the loopback DNS answers for one domain. */
export interface DnsRecords {
  a?: string;
  srv?: Array<{ service: string; port: number; target: string }>;
}

export interface LabDns {
  address: string;
  port: number;
  addDomain(domain: string, records: DnsRecords): void;
  removeDomain(domain: string): void;
  close(): Promise<void>;
}

const { Packet } = dns2;
const TTL_SECONDS = 5;
const NXDOMAIN = 3;

interface MutableResponse {
  header: { rcode: number; aa: number };
  answers: object[];
}

export interface Question {
  name: string;
  type: number;
}

/**
 * `localhost` is the loopback address (RFC 6761 §6.3). SRV targets are `localhost` (records.ts):
 * jabberd2's resolver asks this server for them, not /etc/hosts.
 */
const LOCALHOST: DnsRecords = { a: '127.0.0.1' };

/** Builds the answer section for one question from the registered domains. */
export function answersFor(question: Question, domains: ReadonlyMap<string, DnsRecords>): object[] | undefined {
  const name = question.name.toLowerCase().replace(/\.$/, '');
  if (question.type === Packet.TYPE.A) {
    const records = name === 'localhost' ? LOCALHOST : domains.get(name);
    if (!records) return undefined;
    return records.a ? [{ name: question.name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: TTL_SECONDS, address: records.a }] : [];
  }
  if (question.type === Packet.TYPE.SRV) {
    const [service, proto, ...rest] = name.split('.');
    const records = domains.get(rest.join('.'));
    if (!records) return undefined;
    return (records.srv ?? [])
      .filter((srv) => srv.service === `${service}.${proto}`)
      .map((srv) => ({
        name: question.name,
        type: Packet.TYPE.SRV,
        class: Packet.CLASS.IN,
        ttl: TTL_SECONDS,
        priority: 0,
        weight: 5,
        port: srv.port,
        target: srv.target,
      }));
  }
  // Other types (AAAA above all) of a known name: an empty answer, so resolvers fall back to A.
  return domains.has(name) || [...domains.keys()].some((d) => name.endsWith(`.${d}`)) ? [] : undefined;
}

/**
 * A DNS server answering only the domains registered on it (never forwarding). `onQuestion` sees
 * every question and whether it was answered (federation pre-flight diagnoses with it).
 */
export async function startDnsServer(address = '127.0.0.1', port = 0, onQuestion?: (question: Question, answered: boolean) => void): Promise<LabDns> {
  const domains = new Map<string, DnsRecords>();
  const server = dns2.createUDPServer((request, send) => {
    // The typings omit the header and take answers of one shape only.
    const response = Packet.createResponseFromRequest(request) as unknown as MutableResponse;
    for (const question of request.questions as Question[]) {
      const answers = answersFor(question, domains);
      onQuestion?.(question, answers !== undefined && answers.length > 0);
      if (answers === undefined) response.header.rcode = NXDOMAIN;
      else response.answers.push(...answers);
    }
    response.header.aa = 1;
    send(response as unknown as Parameters<typeof send>[0]);
  });
  server.on('requestError', () => {
    // A malformed datagram: nothing to answer.
  });
  await server.listen(port, address);
  // Never keep the process alive for the DNS answer alone.
  server.unref();
  const bound = server.address();
  return {
    address: bound.address,
    port: bound.port,
    addDomain: (domain, records) => void domains.set(domain.toLowerCase(), records),
    removeDomain: (domain) => void domains.delete(domain.toLowerCase()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let shared: Promise<LabDns> | undefined;

/**
 * The process-wide DNS server on loopback that lab servers use for s2s lookups. It only answers
 * names registered here and never forwards a query anywhere.
 */
export function labDns(): Promise<LabDns> {
  shared ??= startDnsServer().then((dns) => {
    const close = dns.close;
    return {
      ...dns,
      close: async () => {
        shared = undefined;
        await close();
      },
    };
  });
  return shared;
}
