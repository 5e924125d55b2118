/**
 * Which phase each count belongs to: the totals at each phase's start, so a phase's series hold
 * only its own share. Counts before the first phase (accounts, preflight, checks) go to SETUP.
 */
import type { MetricsView } from '../../metrics/index.js';
import { NO_TOTALS, isEmpty, readTotals, totalsSince, type Totals } from './totals.js';

export const SETUP_PHASE = '(setup)';

interface PhaseSpan {
  readonly name: string;
  readonly base: Totals;
  end?: Totals;
}

export class PhaseLedger {
  private readonly spans: PhaseSpan[] = [{ name: SETUP_PHASE, base: NO_TOTALS }];

  constructor(private readonly view: MetricsView) {}

  phaseStarted(name: string): void {
    const now = readTotals(this.view);
    this.spans[this.spans.length - 1].end = now;
    this.spans.push({ name, base: now });
  }

  /**
   * Each phase's share so far: the current phase always (its series start at 0), an ended phase
   * only if it counted something.
   */
  shares(): { phase: string; totals: Totals }[] {
    const now = readTotals(this.view);
    return this.spans
      .map((span) => ({ phase: span.name, totals: totalsSince(span.end ?? now, span.base), ended: span.end !== undefined }))
      .filter((share) => !share.ended || !isEmpty(share.totals))
      .map(({ phase, totals }) => ({ phase, totals }));
  }
}
