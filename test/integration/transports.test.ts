import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { expectEveryMessage, runOverTransport, type TransportRun } from '../helpers/http-transport-runs.js';
import { expectHttpSide, expectUntrustedRefused } from '../helpers/http-lab-probes.js';

/** One lab server per kind: its HTTPS side, then the smoke flow over WebSocket and over BOSH. */
const runs: TransportRun[] = [
  { transport: 'websocket', endpoint: 'url', prefix: 'ws' },
  { transport: 'bosh', endpoint: 'host-meta', prefix: 'bosh' },
];

for (const server of ['prosody', 'ejabberd'] as const) {
  t.test(server, async (t) => {
    const lab = await startLab(server);
    t.teardown(() => lab.stop());

    t.test('the lab serves host-meta (XRD and JSON, CORS), BOSH and WebSocket over HTTPS with the lab CA', async (t) => {
      await expectHttpSide(t, lab);
    });

    t.test('without the lab CA neither transport gets a session', async (t) => {
      await expectUntrustedRefused(t, lab);
    });

    for (const run of runs) {
      t.test(`${run.transport} (endpoint by ${run.endpoint}): every message of the chat flow arrives`, async (t) => {
        expectEveryMessage(t, lab, run, await runOverTransport(lab, run));
      });
    }
  });
}
