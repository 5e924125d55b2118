import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { expectEveryMessage, runOverTransport, type TransportRun } from '../helpers/http-transport-runs.js';
import { expectHttpSide, expectUntrustedRefused } from '../helpers/http-lab-probes.js';

/** One lab ejabberd for the file: its HTTPS side, then the smoke flow over WebSocket and over BOSH. */
const lab = await startLab('ejabberd');
t.teardown(() => lab.stop());

t.test('the lab serves host-meta (XRD and JSON, CORS), BOSH and WebSocket over HTTPS with the lab CA', async (t) => {
  await expectHttpSide(t, lab);
});

t.test('without the lab CA neither transport gets a session', async (t) => {
  await expectUntrustedRefused(t, lab);
});

const runs: TransportRun[] = [
  { transport: 'websocket', endpoint: 'url', prefix: 'ws' },
  { transport: 'bosh', endpoint: 'host-meta', prefix: 'bosh' },
];
for (const run of runs) {
  t.test(`${run.transport} (endpoint by ${run.endpoint}): every message of the chat flow arrives`, async (t) => {
    expectEveryMessage(t, lab, run, await runOverTransport(lab, run));
  });
}
