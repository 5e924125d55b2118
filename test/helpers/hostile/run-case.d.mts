/** Types of the hostile-case runner the TypeScript tests import (the module itself is plain JS, shared with bench/). */
export declare const HOSTILE_DOMAIN: string;
export interface HostileRunOptions {
  nodeArgs?: string[];
  runArgs?: string[];
  scenarioLimits?: string;
  hardLimitMs?: number;
  checks?: string;
  checkTimeout?: string;
  deadline?: string;
  stepTimeout?: string;
  keep?: boolean;
}
/** Resolves to the run's measurements; the test narrows the shape it reads. */
export declare function runHostileCase(name: string, mode?: 'check' | 'run', options?: HostileRunOptions): Promise<unknown>;
