/** The HTTP transport part of a login's options: which transport, its URL, and its BOSH round trips. */
import { LATENCY, type MetricsRegistry } from '../metrics/index.js';
import type { ConnectionTarget } from './types.js';

export function httpTransportOf(target: ConnectionTarget, metrics: Pick<MetricsRegistry, 'recordMs'>) {
  if (!target.transport || target.transport === 'tcp') return {};
  return {
    transport: target.transport,
    url: target.url,
    onBoshRoundTrip: (ms: number, kind: 'create' | 'request') => {
      if (kind === 'request') metrics.recordMs(LATENCY.boshRequestRtt, ms);
    },
  };
}
