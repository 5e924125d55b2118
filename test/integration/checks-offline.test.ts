/**
 * Area I (offline storage, XEP-0160 + XEP-0203) on the baseline labs and on `no-offline`, where
 * the store-or-refuse check takes its other branch and the storage checks cannot run.
 */
import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { expectVerdicts, knownDeviation, OFFLINE_STORAGE_SKIPPED, AREA_SERVERS, type AreaServer, type ExpectedVerdicts } from '../helpers/check-verdicts.js';

const BASELINE: ExpectedVerdicts = {
  'rfc6121.offline.store-or-refuse': 'info',
  'xep0160.offline.unstored-types': 'pass',
  'xep0160.offline.chat-state-only': 'pass',
  'xep0160.offline.flush-on-presence': 'pass',
  'xep0160.offline.negative-priority-held': 'pass',
  'rfc6120.offline.order-once': 'pass',
  'xep0160.offline.delay-present': 'pass',
  'xep0203.offline.delay-stamp': 'pass',
  // Known deviation on both servers, see below.
  'xep0203.offline.forged-delay': 'warn',
  'xep0160.offline.disco-feature': 'pass',
};

/** What each server does differently from BASELINE (SHOULD rules only). */
const BASELINE_BY_SERVER: Record<AreaServer, ExpectedVerdicts> = {
  prosody: { 'xep0160.offline.chat-state-only': 'warn' },
  ejabberd: {},
};

const NO_OFFLINE: ExpectedVerdicts = {
  'rfc6121.offline.store-or-refuse': 'info',
  ...OFFLINE_STORAGE_SKIPPED,
  'xep0160.offline.disco-feature': 'pass',
};

for (const kind of AREA_SERVERS) {
  t.test(`${kind} baseline: offline storage`, async (t) => {
    const lab = await startLab(kind);
    t.teardown(() => lab.stop());
    const results = await expectVerdicts(t, lab, { ...BASELINE, ...BASELINE_BY_SERVER[kind] });
    t.match(results.get('rfc6121.offline.store-or-refuse')?.reason, /^stored and delivered/, 'the storing branch');
    t.match(results.get('xep0203.offline.delay-stamp')?.reason, /UTC and within the send\/delivery window/);
    // XEP-0203 §5: the recipient's server SHOULD discard a client-made delay that claims to be
    // from the server. Prosody keeps it beside its own; ejabberd keeps it instead of its own.
    const count = kind === 'prosody' ? 2 : 1;
    knownDeviation(t, results, 'xep0203.offline.forged-delay', { reason: new RegExp(`forged delay reached the recipient \\(${count} delay`), wire: /stamp='2001-01-01T00:00:00Z'/ }, `${kind} delivers the forged server delay`);
    if (kind === 'prosody') {
      // XEP-0160 §3: a message with only chat-state content SHOULD NOT be stored.
      knownDeviation(t, results, 'xep0160.offline.chat-state-only', { reason: /<active\/>-only message was stored/ }, 'Prosody 0.12 stores chat-state-only messages');
    }
  });

  t.test(`${kind} no-offline: the refusing branch, storage checks skip`, async (t) => {
    const lab = await startLab(kind, { variant: 'no-offline' });
    t.teardown(() => lab.stop());
    const results = await expectVerdicts(t, lab, NO_OFFLINE);
    t.match(results.get('rfc6121.offline.store-or-refuse')?.reason, /refused with <service-unavailable\/>/, 'the other EITHER branch');
    t.match(results.get('xep0160.offline.flush-on-presence')?.reason, /does not store offline messages/);
    t.match(results.get('xep0160.offline.disco-feature')?.reason, /msgoffline is not advertised/);
  });
}
