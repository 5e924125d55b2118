import t from 'tap';
import { MetricsRegistry } from '../../../src/metrics/index.js';
import { FederationTally } from '../../../src/steps/federation.js';

t.test('crossing messages: sides, the first each way, bounces by id, the lost counted at the end', async (t) => {
  const metrics = new MetricsRegistry({ startEpochMs: Date.now() });
  const tally = new FederationTally('b.example', 'run1', metrics);
  t.equal(tally.crossing('a.example', 'u@a.example/r'), undefined, 'local');
  t.equal(tally.crossing('a.example', 'u@b.example/r'), 'target');
  t.equal(tally.crossing('b.example', 'u@a.example'), 'federate_with');

  const first = tally.next('target');
  const second = tally.next('target');
  const third = tally.next('target');
  t.same([first.first, second.first, third.first, tally.next('federate_with').first], [true, false, false, true], 'first once per way');
  for (let i = 0; i < 3; i += 1) tally.sent('target');
  t.equal(tally.delivered('target', true), 'federated_first_e2e');
  t.equal(tally.delivered('target', false), 'federated_e2e');
  tally.bounced('someone-elses-id', 'a.example');
  tally.bounced(undefined, 'a.example');
  t.equal(metrics.counterTotal('federated_bounced{from=target}'), undefined, 'errors for messages that are not ours are no bounces');
  tally.bounced(third.id, 'a.example');
  t.equal(metrics.counterTotal('federated_bounced{from=target}'), 1, 'the bounce is counted for the way it was sent');
  tally.settle();
  t.equal(metrics.counterTotal('federated_lost{from=target}'), 0, '3 sent = 2 delivered + 1 bounced');
  t.equal(metrics.counterTotal('federated_lost{from=federate_with}'), undefined, 'nothing sent that way, nothing counted');
});

t.test('what neither arrived nor bounced is lost', async (t) => {
  const metrics = new MetricsRegistry({ startEpochMs: Date.now() });
  const tally = new FederationTally('b.example', 'run2', metrics);
  for (let i = 0; i < 4; i += 1) tally.sent('federate_with');
  tally.delivered('federate_with', true);
  tally.settle();
  t.equal(metrics.counterTotal('federated_lost{from=federate_with}'), 3);
});

t.test('the new metric names are known to thresholds', async (t) => {
  const { parseThresholds } = await import('../../../src/metrics/index.js');
  t.doesNotThrow(() => parseThresholds({ federated_first_e2e: ['p(99) < 5s'], federated_lost: ['count == 0'], federated_bounced: ['count == 0'], federated_sent: ['count > 0'], federated_delivered: ['count > 0'] }));
});
