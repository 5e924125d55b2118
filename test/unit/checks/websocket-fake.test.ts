/**
 * The websocket checks (RFC 7395) both ways on the FAKE WebSocket server: all pass (INFO ones
 * record) on the well-behaved fake; each fault breaks exactly one rule, and exactly the check that
 * tests it changes verdict. Without an endpoint every check skips, saying which flag to give.
 */
import t from 'tap';
import { CATALOGUE, runChecks, suppliedAccounts } from '../../../src/checks/index.js';
import type { CheckResult, CheckTarget } from '../../../src/checks/types.js';
import { FAKE_WS_ACCOUNT, FAKE_WS_DOMAIN, startFakeWebSocketServer, type WebSocketFault } from '../../helpers/hostile/fake-websocket-server.js';

const CHECKS = CATALOGUE.filter((check) => check.area === 'websocket');

async function runOn(target: CheckTarget): Promise<Map<string, CheckResult>> {
  const results = await runChecks(CHECKS, { target, accounts: suppliedAccounts([FAKE_WS_ACCOUNT]), concurrency: 4 });
  return new Map(results.map((result) => [result.id, result]));
}

async function runOnFake(fault?: WebSocketFault): Promise<Map<string, CheckResult>> {
  const fake = await startFakeWebSocketServer(fault);
  try {
    return await runOn({ domain: FAKE_WS_DOMAIN, host: '127.0.0.1', port: 1, http: { websocket: fake.url } });
  } finally {
    await fake.close();
  }
}

const WELL_BEHAVED = runOnFake();

t.test('every websocket check passes on the conformant fake', async (t) => {
  const results = await WELL_BEHAVED;
  t.equal(results.size, CHECKS.length);
  for (const check of CHECKS) {
    const result = results.get(check.id)!;
    t.equal(result.verdict, check.level === 'INFO' ? 'info' : 'pass', `${check.id}: ${result.reason}`);
  }
  t.match(results.get('rfc7395.websocket.without-subprotocol')?.reason, /accepted without one \(HTTP 101\)/);
  t.match(results.get('rfc7395.websocket.close')?.reason, /the server's <close\/>, then the WebSocket closed \(code 1000\)/);
  // The SCRAM payloads never reach the wire log.
  const wire = results.get('rfc7395.websocket.restart')!.wire.map((entry) => entry.text).join('\n');
  t.match(wire, /<auth [^>]*>\[redacted \d+ chars\]<\/auth>/);
  t.notMatch(wire, /<response [^>]*>[^[]/);
});

const FAULTS: Array<[fault: WebSocketFault, id: string, verdict: 'fail' | 'warn', reason: RegExp]> = [
  ['no-subprotocol', 'rfc7395.websocket.subprotocol', 'fail', /no Sec-WebSocket-Protocol .*not 'xmpp'/],
  ['open-without-id', 'rfc7395.websocket.open-response', 'fail', /it has no 'id'/],
  ['whitespace-before-close', 'rfc7395.websocket.frames', 'fail', /is a message with no element \(whitespace only or empty\)/],
  ['xml-declaration', 'rfc7395.websocket.xml-declaration', 'warn', /start with an XML declaration/],
  ['starttls-offered', 'rfc7395.websocket.no-starttls', 'fail', /offer <starttls\/> on the WebSocket stream/],
  ['accepts-wrong-namespace', 'rfc7395.websocket.header-namespace', 'fail', /in 'jabber:client' was accepted/],
  ['error-without-close', 'rfc7395.websocket.stream-error', 'fail', /no <close\/> came \(the WebSocket just closed\)/],
  ['no-restart', 'rfc7395.websocket.restart', 'fail', /the new <open\/> after SASL got nothing/],
];

for (const [fault, id, verdict, reason] of FAULTS) {
  t.test(`${id} gets its violation verdict on the fake with ${fault}, and no other check changes`, async (t) => {
    const [fine, broken] = await Promise.all([WELL_BEHAVED, runOnFake(fault)]);
    t.equal(broken.get(id)?.verdict, verdict, `${id}: ${broken.get(id)?.reason}`);
    t.match(broken.get(id)?.reason, reason);
    for (const check of CHECKS) {
      if (check.id === id) continue;
      // Without the subprotocol nothing else can run: the others skip, saying why (the upgrade
      // offering no subprotocol records what it gets either way).
      const blocked = fault === 'no-subprotocol' && check.id !== 'rfc7395.websocket.without-subprotocol';
      const expected = blocked ? 'skip' : fine.get(check.id)?.verdict;
      t.equal(broken.get(check.id)?.verdict, expected, `${check.id}: ${broken.get(check.id)?.reason}`);
    }
  });
}

t.test('without a WebSocket endpoint every websocket check skips and names the flag', async (t) => {
  const results = await runOn({ domain: FAKE_WS_DOMAIN, host: '127.0.0.1', port: 1 });
  for (const result of results.values()) t.match(result, { verdict: 'skip', reason: 'no WebSocket endpoint known: give --websocket-url (a --lab server without an HTTP side has none)' }, result.id);
});
