/** What became of the messages the users sent (console summary), and of those between the two servers of a two-server run, each way. */
import { COUNTERS, LATENCY, metricKey, summary, type DecodedMetrics } from '../metrics/index.js';

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

/**
 * Every message of the flow accounted for: delivered (stamped and measured), in flight when its
 * recipient closed, bounced, and the rest, which nothing saw arrive (lost, or sent to someone
 * outside the run). Messages between the two servers of a two-server run have their own lines.
 */
export function messageDeliveryLines(metrics: DecodedMetrics): string[] {
  const count = (key: string) => metrics.counterTotal(key) ?? 0;
  const crossing = metrics.counterKeys().filter((key) => key.startsWith(COUNTERS.federatedSent)).reduce((sum, key) => sum + count(key), 0);
  const sent = count(metricKey(COUNTERS.stanzasSent, { kind: 'message' })) - crossing;
  if (sent <= 0) return [];
  const delivered = summary(metrics, LATENCY.messageE2e)?.count ?? 0;
  const inFlight = count(COUNTERS.messagesInFlightAtClose);
  const bounced = count(COUNTERS.messagesBounced);
  const unaccounted = Math.max(0, sent - delivered - inFlight - bounced);
  return [`messages: ${sent} sent, ${delivered} delivered, ${inFlight} in flight when their recipient closed, ${bounced} bounced, ${unaccounted} not seen arriving`];
}
