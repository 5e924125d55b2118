/** What became of the messages between the two servers of a two-server run, each way (console summary). */
import { COUNTERS, metricKey, type DecodedMetrics } from '../metrics/index.js';

const WAYS = [
  { from: 'target', text: 'target → federate_with' },
  { from: 'federate_with', text: 'federate_with → target' },
] as const;

export function federatedDeliveryLines(metrics: DecodedMetrics): string[] {
  return WAYS.flatMap(({ from, text }) => {
    const count = (name: string) => metrics.counterTotal(metricKey(name, { from })) ?? 0;
    const sent = count(COUNTERS.federatedSent);
    if (sent === 0) return [];
    return [`federated messages ${text}: ${sent} sent, ${count(COUNTERS.federatedDelivered)} delivered, ${count(COUNTERS.federatedBounced)} bounced, ${count(COUNTERS.federatedLost)} lost`];
  });
}
