/**
 * Area J (in-band registration, XEP-0077) on the baseline labs and on `no-ibr`, where the form
 * request must be refused with service-unavailable and the other checks skip.
 */
import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { expectVerdicts, knownDeviation, IBR_NEEDED_SKIPPED, AREA_SERVERS, type AreaServer, type ExpectedVerdicts } from '../helpers/check-verdicts.js';

const BASELINE: ExpectedVerdicts = {
  'xep0077.register.before-tls': 'pass',
  'xep0077.register.fields': 'pass',
  'xep0077.register.missing-field': 'pass',
  'xep0077.register.empty-password': 'pass',
  'xep0077.register.conflict': 'info', // INFO: XEP-0077 §3.1 shows the conflict error without a keyword
  'xep0077.register.success': 'info', // INFO: no keyword obliges a host to accept a registration
  'xep0077.register.cancel': 'pass',
  // Known deviation on both servers, see below.
  'xep0077.register.cancel-not-alone': 'info', // INFO: XEP-0077 §3.2 lists the error without a keyword
  'xep0077.register.empty-password-change': 'pass',
};

/** Known deviations from BASELINE, per server; each is asserted with its evidence below. */
const BASELINE_BY_SERVER: Record<AreaServer, ExpectedVerdicts> = {
  prosody: { 'xep0077.register.empty-password-change': 'fail' },
  ejabberd: { 'xep0077.register.missing-field': 'fail' },
};

const NO_IBR: ExpectedVerdicts = {
  'xep0077.register.before-tls': 'pass',
  'xep0077.register.fields': 'pass',
  ...IBR_NEEDED_SKIPPED,
};

const NO_IBR_BY_SERVER: Record<AreaServer, ExpectedVerdicts> = {
  prosody: {},
  ejabberd: { 'xep0077.register.fields': 'fail' },
};

for (const kind of AREA_SERVERS) {
  t.test(`${kind} baseline: in-band registration`, async (t) => {
    const lab = await startLab(kind);
    t.teardown(() => lab.stop());
    const results = await expectVerdicts(t, lab, { ...BASELINE, ...BASELINE_BY_SERVER[kind] });
    // XEP-0077 §3.2 error table: <remove/> that is not the only child → bad-request.
    knownDeviation(t, results, 'xep0077.register.cancel-not-alone', { reason: /the account was removed \(an IQ result\)/, wire: /<remove\/><username>/ }, `${kind} removes the account despite the extra child`);
    if (kind === 'prosody') {
      // XEP-0077 §3.3: an empty <password/> MUST NOT change the password.
      knownDeviation(t, results, 'xep0077.register.empty-password-change', { reason: /got an IQ result and the old password no longer works/, wire: /<password\/>/ }, 'Prosody 0.12 accepts the empty password change');
    } else {
      // XEP-0077 §3.1: missing required information → not-acceptable (MUST).
      knownDeviation(t, results, 'xep0077.register.missing-field', { reason: /got an IQ error <bad-request\/>/, wire: /<bad-request/ }, 'ejabberd answers bad-request for a missing password');
    }
  });

  t.test(`${kind} no-ibr: service-unavailable, the rest skips`, async (t) => {
    const lab = await startLab(kind, { variant: 'no-ibr' });
    t.teardown(() => lab.stop());
    const results = await expectVerdicts(t, lab, { ...NO_IBR, ...NO_IBR_BY_SERVER[kind] });
    for (const [id, result] of results) if (result.verdict === 'skip') t.match(result.reason, /in-band registration|IBR disabled/, `${id} says why it skipped`);
    if (kind === 'prosody') {
      t.match(results.get('xep0077.register.fields')?.reason, /^IBR disabled: answered <service-unavailable\/>/);
    } else {
      // XEP-0077 §3.1: a host without IBR MUST answer the form request with service-unavailable.
      knownDeviation(t, results, 'xep0077.register.fields', { reason: /got a <not-authorized\/> stream error/, wire: /<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/ }, 'ejabberd without mod_register ends the unauthenticated stream with not-authorized');
    }
  });
}
