/** B11: the _xmpp-client / _xmpps-client SRV records, listed and tried (for list maintainers). */
import type { SrvRecord } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import net from 'node:net';
import type { CheckDefinition } from '../types.js';

async function lookup(resolver: Resolver, name: string): Promise<SrvRecord[] | string> {
  try {
    return await resolver.resolveSrv(name);
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  }
}

function reachable(record: SrvRecord, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: record.name, port: record.port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const srvRecords: CheckDefinition = {
  id: 'xep0368.tls.srv-records',
  title: 'The _xmpp-client and _xmpps-client SRV records, and whether their targets accept connections',
  area: 'tls',
  level: 'INFO',
  spec: [{ doc: 'XEP-0368', section: '3' }],
  tags: ['tls', 'dns', 'direct-tls'],
  async run(ctx) {
    const resolver = new Resolver({ timeout: 3000, tries: 1 });
    const lines: string[] = [];
    for (const service of ['_xmpp-client', '_xmpps-client']) {
      const records = await lookup(resolver, `${service}._tcp.${ctx.target.domain}`);
      if (typeof records === 'string') {
        lines.push(`${service}: none (${records})`);
        continue;
      }
      const tried = await Promise.all(records.map(async (r) => `${r.name}:${r.port} (prio ${r.priority}, weight ${r.weight}) ${(await reachable(r, 3000)) ? 'reachable' : 'UNREACHABLE'}`));
      lines.push(`${service}: ${tried.join(', ')}`);
    }
    return { outcome: 'info', reason: `${lines.join('; ')} — tested here: ${ctx.target.host}:${ctx.target.port}${ctx.target.directTlsPort ? ` and direct TLS :${ctx.target.directTlsPort}` : ''}` };
  },
};

export const srvChecks: readonly CheckDefinition[] = [srvRecords];
