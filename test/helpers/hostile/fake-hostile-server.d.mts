/** Types of the fake hostile server module the TypeScript tests import (the module itself is plain JS, shared with bench/). */
export declare const HOSTILE_CASES: Record<string, unknown>;
export declare const HOSTILE_PASSWORD: string;
