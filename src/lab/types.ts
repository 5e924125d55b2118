/** The contract every throwaway lab server (Prosody, ejabberd, jabberd2) fulfils. */

/** Every kind of lab server, in the order help texts list them. */
export const SERVER_KINDS = ['prosody', 'ejabberd', 'jabberd2'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Each variant changes exactly one thing against the baseline, to prove checks catch it. */
export const VARIANTS = {
  baseline: 'the reference configuration: TLS required on c2s and s2s, IBR, offline storage, dialback',
  'plain-before-tls': 'c2s encryption not required and PLAIN offered on the cleartext stream',
  'no-offline': 'offline message storage disabled',
  'tls-legacy': 'TLS 1.0 and 1.1 accepted',
  'no-ibr': 'in-band registration (XEP-0077) disabled',
  's2s-cleartext': 's2s encryption not required',
  'no-dialback': 'server dialback (XEP-0220) disabled',
} as const;

export type VariantName = keyof typeof VARIANTS;

export interface LabPorts {
  /** c2s with STARTTLS (RFC 6120). */
  c2s: number;
  /** c2s with direct TLS (XEP-0368). */
  c2sDirectTls: number;
  /** s2s with STARTTLS. */
  s2s: number;
}

/** The HTTP side a lab server exposes on its one HTTPS port (lab CA certificate). */
export interface LabHttp {
  /** HTTPS port on the server's loopback host. */
  port: number;
  /** XEP-0206 BOSH endpoint. */
  bosh: string;
  /** RFC 7395 WebSocket endpoint. */
  websocket: string;
  /** XEP-0156 host-meta (XRD); the JSON form is the same URL with `.json` appended. */
  hostMeta: string;
  /** XEP-0363 upload service (a component JID) for the first domain. */
  uploadService: string;
  /** The largest file the upload service accepts, in bytes. */
  uploadLimitBytes: number;
}

export interface AccountSpec {
  username: string;
  password: string;
  /** Defaults to the server's first domain. */
  domain?: string;
}

export interface LabAccount {
  username: string;
  domain: string;
  password: string;
  /** username@domain */
  jid: string;
}

export interface LabServer {
  readonly kind: ServerKind;
  readonly variant: VariantName;
  /** Version string the server reports (e.g. "0.12.3", "23.01"). */
  readonly version: string;
  /** Always a loopback address. */
  readonly host: string;
  /** Two virtual hosts; the first is the default. */
  readonly domains: readonly [string, string];
  readonly ports: LabPorts;
  /** BOSH, WebSocket, host-meta and HTTP upload, where the server kind has them (not jabberd2). */
  readonly http?: LabHttp;
  /** PEM file of the lab CA: clients trust this, never turn checks off. */
  readonly caFile: string;
  /** The server's own temp directory (config, data, logs, pid file). */
  readonly dir: string;
  readonly pid: number;
  /** Further processes of a multi-process server (jabberd2's sm, c2s, s2s), stopped before `pid`. */
  readonly companionPids?: readonly number[];
  /** Milliseconds from spawn to all ports accepting. */
  readonly startupMs: number;
  /** Creates accounts fast through the server's admin interface (not XMPP). */
  createAccounts(accounts: readonly AccountSpec[]): Promise<LabAccount[]>;
  /** Last lines of the server's own log, for error messages. */
  logTail(lines?: number): Promise<string>;
  /** Stops the process this lab started (by PID) and removes its directory unless kept. */
  stop(): Promise<void>;
}

export interface LabStartOptions {
  variant?: VariantName;
  /** Override the two vhost names (must be under a resolvable TLD such as .example). */
  domains?: readonly [string, string];
  /** Keep the temp directory after stop (for debugging). */
  keepDir?: boolean;
  /** Let the server outlive this process (`gauntlet lab up --keep`). */
  detached?: boolean;
  /** Default 30 s for Prosody and jabberd2, 60 s for ejabberd. */
  startTimeoutMs?: number;
  /**
   * Point the server's s2s resolver at this DNS instead of the lab's (tests that drive a lab
   * server as an outside target, with the tool's embedded DNS for the peer domains).
   */
  resolver?: { address: string; port: number };
  /** A further CA (PEM file) the server trusts, e.g. the one simulated peers of an outside run use. */
  trustCaFile?: string;
  /** Give the server a certificate from the lab CA that expired 30 days ago (Prosody only; rank's expired host). */
  expiredCertificate?: boolean;
}
