import { GauntletError } from '../../util/errors.js';

/** A threshold that does not parse; `column` (1-based) points into `expression`, 0 when the metric is the problem. */
export class ThresholdSyntaxError extends GauntletError {
  constructor(
    readonly metric: string,
    readonly expression: string,
    readonly column: number,
    /** The problem alone, without the expression and metric around it. */
    readonly problem: string,
    hint: string,
  ) {
    super('config', `threshold "${expression}" on ${metric}: ${problem}${column > 0 ? ` (column ${column})` : ''}`, { hint });
    this.name = 'ThresholdSyntaxError';
  }
}
