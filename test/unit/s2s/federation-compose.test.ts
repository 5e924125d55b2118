import t from 'tap';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { persistentCa } from '../../../src/lab/index.js';
import { parseDiscovery } from '../../../src/s2s/peer-discovery.js';
import { loadScenarioText } from '../../../src/scenario/index.js';

// docs/federation.md's CI recipe cannot run here (no containers): its parts must agree instead.
const DOC = join(import.meta.dirname, '..', '..', '..', 'docs', 'federation.md');

function blocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

interface Service {
  command: string[];
  dns?: string[];
  volumes?: string[];
  networks: Record<string, { ipv4_address: string; aliases: string[] }>;
}

function option(args: string[], name: string): string {
  const at = args.indexOf(name);
  if (at < 0) throw new Error(`${name} missing`);
  return args[at + 1]!;
}

t.test('the Compose file, the documented command and the scenario snippet agree', async (t) => {
  const markdown = await readFile(DOC, 'utf8');
  const compose = parse(blocks(markdown, 'yaml').find((b) => b.includes('services:'))!) as { services: Record<string, Service>; networks: Record<string, unknown> };
  t.same(Object.keys(compose.services).sort(), ['gauntlet', 'xmpp']);
  const { xmpp, gauntlet } = compose.services as { xmpp: Service; gauntlet: Service };
  const gauntletNet = gauntlet.networks.fed!;
  const xmppNet = xmpp.networks.fed!;
  t.ok(compose.networks.fed, 'both on the declared network');

  const command = gauntlet.command;
  const shell = blocks(markdown, 'sh').find((b) => b.startsWith('gauntlet check'))!.trim().split(/\s+/).slice(1);
  t.same(command, shell, 'the Compose command is the documented command');
  const discovery = parseDiscovery(option(command, '--peer-dns'));
  t.same(discovery, { kind: 'embedded-dns', address: gauntletNet.ipv4_address, port: 53 }, "the embedded DNS listens on the gauntlet container's address");
  t.same(xmpp.dns, [gauntletNet.ipv4_address], "the target's resolver is the embedded DNS");
  t.equal(option(command, '--peer-listen').split(':')[0], gauntletNet.ipv4_address, 'the listener is on that address');
  t.ok(['xmpp', ...xmppNet.aliases].includes(option(command, '--host')), '--host names the target service');
  t.ok(xmppNet.aliases.includes(command[1]!), 'the checked domain is an alias of the target');
  t.ok(gauntlet.volumes?.some((v) => v.endsWith(`:${option(command, '--peer-ca')}`)), 'the peer CA directory is mounted into gauntlet');
  t.ok(xmpp.volumes?.some((v) => v.startsWith('./peer-ca/ca.pem:')), "and its ca.pem into the target's trust");
  t.ok(gauntlet.volumes?.some((v) => v.endsWith(`:${option(command, '--ca')}:ro`)), "the target's CA is mounted where --ca points");

  const peers = blocks(markdown, 'yaml').find((b) => b.startsWith('peers:'))!;
  const scenario = loadScenarioText(`target: { domain: ${command[1]}, host: xmpp }\naccounts: { register: { count: 4, password: 'pw-{n}-x' } }\n${peers}flow:\n  - login\n`, 'doc.yaml', { env: {} });
  t.same(scenario.peers?.domains, gauntletNet.aliases, 'the scenario peers are the network aliases of gauntlet');
  t.equal(scenario.peers?.listen.publicHost, gauntletNet.ipv4_address);
});

t.test("the documented openssl command makes a CA the tool issues peer certificates from", async (t) => {
  const markdown = await readFile(DOC, 'utf8');
  const line = blocks(markdown, 'sh').find((b) => b.includes('openssl req'))!.replace(/\\\n\s*/g, '').replace(/^mkdir -p peer-ca && /, '');
  const dir = t.testdir();
  const args = line.trim().match(/"[^"]*"|\S+/g)!.slice(1).map((a) => a.replace(/^"|"$/g, '').replace(/^peer-ca\//, `${dir}/`));
  execFileSync('openssl', args, { stdio: 'ignore' });
  const ca = await persistentCa(dir);
  const leaf = ca.issue(['peer1.gauntlet.example'], { clientAuth: true });
  await writeFile(join(dir, 'leaf.pem'), leaf.certPem);
  const verified = execFileSync('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'leaf.pem')]).toString();
  t.match(verified, /OK/);
});
