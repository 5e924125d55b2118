import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { startJabberd2 } from '../../src/lab/jabberd2.js';
import { loggedIn } from '../helpers/lab-probes.js';

// jabberd2's s2s knows only dialback (no SASL EXTERNAL), so these links are dialback over TLS.
for (const kind of ['prosody', 'ejabberd'] as const) {
  t.test(`jabberd2 and ${kind} federate through the lab DNS, both ways`, async (t) => {
    const jabberd2 = await startJabberd2();
    t.teardown(() => jabberd2.stop());
    const other = await startLab(kind);
    t.teardown(() => other.stop());
    await jabberd2.createAccounts([{ username: 'alice', password: 'alice-pw' }]);
    await other.createAccounts([{ username: 'bob', password: 'bob-pw' }]);
    const alice = await loggedIn(jabberd2, 'alice', 'alice-pw');
    t.teardown(() => alice.close());
    const bob = await loggedIn(other, 'bob', 'bob-pw');
    t.teardown(() => bob.close());
    const aliceJid = `alice@${jabberd2.domains[0]}`;
    const bobJid = `bob@${other.domains[0]}`;

    alice.send(`<message to='${bobJid}' type='chat' id='out'><body>from jabberd2</body></message>`);
    const atBob = await bob.until(/<\/message>/, 20_000);
    t.match(atBob, `from='${aliceJid}/r1'`, `jabberd2 to ${kind}: delivered with the sender`);
    t.match(atBob, /from jabberd2/);

    bob.send(`<message to='${aliceJid}' type='chat' id='in'><body>from ${kind}</body></message>`);
    const atAlice = await alice.until(/<\/message>/, 20_000);
    t.match(atAlice, `from='${bobJid}/r1'`, `${kind} to jabberd2: delivered with the sender`);
    t.match(atAlice, new RegExp(`from ${kind}`));
  });
}
