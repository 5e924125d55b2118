import t from 'tap';
import { startJabberd2 } from '../src/lab/jabberd2.js';
import { describeResults, runChecksOnLab } from './helpers/checks.js';
t.setTimeout(900_000);
const IDS = ['rfc6121.roster.push-syntax', 'rfc6121.presence.state-table-ignored', 'xep0160.offline.negative-priority-held', 'xep0203.offline.forged-delay', 'xep0077.register.fields', 'xep0077.register.cancel', 'xep0077.register.empty-password-change'];
t.test('scratch', async (t) => {
  const lab = await startJabberd2({ variant: 'baseline' });
  try {
    for (let i = 0; i < 3; i++) t.comment(`round ${i}\n` + describeResults((await runChecksOnLab(lab, IDS, { concurrency: 1 })).values()));
  } finally { await lab.stop(); }
  t.pass('ran');
});
