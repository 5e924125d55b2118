/** One HTTP request of a load phase and how its answer is judged. */
export interface Exchange {
  method: string;
  /** Path and query on the stage's origin. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  /** The histogram its latency goes to (`http_latency`, `upload_put`, ...). */
  metric: string;
  /** Its `endpoint` label when not the stage's (a BOSH terminate beside the session creations). */
  endpoint?: string;
  /** Why the answer is a failure (`status`, `mismatch`, ...), or undefined when it is good. */
  judge(status: number, body: string, truncated: boolean): string | undefined;
  /** Sees every answer that was judged good (a BOSH session id, a verified file). */
  accept?(body: string): void;
}

/** 2xx and 3xx are answers; the rest count as failures of reason `status`. */
export function statusOnly(status: number): string | undefined {
  return status >= 200 && status < 400 ? undefined : 'status';
}

/** What a stage keeps of each response body: enough to judge it, never what a server may pour out. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
