import t from 'tap';
import { boshSessionLoad } from '../../../src/http/bosh-session.js';

const answer = (attrs: string) => `<body xmlns='http://jabber.org/protocol/httpbind' ${attrs}/>`;

t.test('a creation answered with a sid is good; its session is terminated next on that connection', async (t) => {
  const load = boshSessionLoad('a.example', '/http-bind', 'bosh-session');
  const create = load.next();
  t.equal(create.method, 'POST');
  t.match(String(create.body), /^<body [^>]*rid='(\d+)' to='a\.example' ver='1\.6'[^>]*xmpp:version='1\.0'/);
  const rid = Number(/rid='(\d+)'/.exec(String(create.body))![1]);
  const good = answer("sid='s-123' wait='10' requests='2'");
  t.equal(create.judge(200, good, false), undefined);
  create.accept!(good);
  t.equal(load.open(), 1);
  const terminate = load.next();
  t.equal(terminate.endpoint, 'bosh-session-terminate');
  t.match(String(terminate.body), new RegExp(`rid='${rid + 1}' sid='s-123' type='terminate'`));
  t.equal(load.open(), 0);
  t.match(String(load.next().body), /to='a\.example'/, 'then a new creation');
});

t.test('an answer that creates no session is a failure of reason no-session; a bad status is status', async (t) => {
  const create = boshSessionLoad('a.example', '/http-bind', 'bosh-session').next();
  t.equal(create.judge(200, answer("type='terminate' condition='host-unknown'"), false), 'no-session');
  t.equal(create.judge(200, answer("sid='x' type='terminate' condition='remote-connection-failed'"), false), 'no-session');
  t.equal(create.judge(200, 'not xml at all', false), 'no-session');
  t.equal(create.judge(200, answer(`sid='${'x'.repeat(200)}'`), false), 'no-session', 'an overlong sid is refused');
  t.equal(create.judge(404, '', false), 'status');
});

t.test('a domain that would need escaping is refused', async (t) => {
  t.throws(() => boshSessionLoad("a.example'/><x", '/http-bind', 'b'), /not a domain name/);
});
