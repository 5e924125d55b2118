/**
 * Two-server runs (`target.federate_with`): which messages cross from one server to the other,
 * the first one each way (it waits for the s2s link to be set up, unless the servers already had
 * one), and what became of each: sent, delivered, bounced (an error came back), lost (neither by
 * the end of the run). Counters are labelled by the sender's server, `from=target|federate_with`.
 */
import { COUNTERS, LATENCY, metricKey, type MetricsRegistry } from '../metrics/index.js';

export type FederatedSide = 'target' | 'federate_with';
const SIDES: readonly FederatedSide[] = ['target', 'federate_with'];

/** The domain part of a JID (local@domain/resource). */
export function jidDomain(address: string): string {
  const bare = address.split('/')[0]!;
  return bare.slice(bare.indexOf('@') + 1);
}

export class FederationTally {
  readonly #firstSent = new Set<FederatedSide>();
  /** Ids of crossing messages start with this: a bounce carries the id back (RFC 6120 §8.3.1). */
  readonly #idPrefix: string;
  #seq = 0;

  constructor(
    readonly secondDomain: string,
    runId: string,
    private readonly metrics: MetricsRegistry,
  ) {
    this.#idPrefix = `fed-${runId}-`;
  }

  /** The sender's server when a message from a user of `fromDomain` to `to` crosses servers. */
  crossing(fromDomain: string, to: string): FederatedSide | undefined {
    const fromSecond = fromDomain === this.secondDomain;
    if (fromSecond === (jidDomain(to) === this.secondDomain)) return undefined;
    return fromSecond ? 'federate_with' : 'target';
  }

  /** The id of the next crossing message that way, and whether it is the first of the run. */
  next(side: FederatedSide): { id: string; first: boolean } {
    const first = !this.#firstSent.has(side);
    this.#firstSent.add(side);
    this.#seq += 1;
    return { id: `${this.#idPrefix}${this.#seq}`, first };
  }

  sent(side: FederatedSide): void {
    this.metrics.increment(COUNTERS.federatedSent, { from: side });
  }

  /** A crossing message of this run arrived; the latency metric it belongs to. */
  delivered(side: FederatedSide, first: boolean): string {
    this.metrics.increment(COUNTERS.federatedDelivered, { from: side });
    return first ? LATENCY.federatedFirstE2e : LATENCY.federatedE2e;
  }

  /** An error message reached a user of `receiverDomain`: counted when it answers one of our crossing messages. */
  bounced(id: string | undefined, receiverDomain: string): void {
    if (!id?.startsWith(this.#idPrefix)) return;
    this.metrics.increment(COUNTERS.federatedBounced, { from: receiverDomain === this.secondDomain ? 'federate_with' : 'target' });
  }

  /** At the end of the run (sessions closed): what was neither delivered nor bounced is lost. */
  settle(): void {
    for (const side of SIDES) {
      const total = (name: string) => this.metrics.counterTotal(metricKey(name, { from: side })) ?? 0;
      const sent = total(COUNTERS.federatedSent);
      if (sent === 0) continue;
      this.metrics.increment(COUNTERS.federatedLost, { from: side }, Math.max(0, sent - total(COUNTERS.federatedDelivered) - total(COUNTERS.federatedBounced)));
    }
  }
}
