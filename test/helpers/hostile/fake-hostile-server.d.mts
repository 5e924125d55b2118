/** Types of the fake hostile server module the TypeScript tests import (the module itself is plain JS, shared with bench/). */
export declare const HOSTILE_CASES: Record<string, unknown>;
export declare const HOSTILE_PASSWORD: string;
/** Starts the named FAKE HOSTILE SERVER case on a loopback port, serving `certPem`/`keyPem` for `domain`. */
export declare function startFakeHostileServer(name: string, options: { certPem: string; keyPem: string; domain: string }): Promise<{ port: number; close(): Promise<void> }>;
