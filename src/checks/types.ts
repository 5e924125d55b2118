/**
 * The conformance contract. A check is data (id, spec reference, level) plus a `run` function
 * that exercises the server and says what it saw; the runner turns that into a verdict by level.
 * Checks never see which server they run against (black box): only the target and accounts.
 */
import type { PeerAuth, PeerNetwork } from '../s2s/index.js';
import type { BoshProbe, RawProbe, Session, SessionOptions } from '../xmpp/index.js';

/**
 * RFC 2119 strength of the rule; INFO checks only record a behaviour. SECURITY: the security
 * profile (what a deployment must not accept, whatever the RFC level), reported apart.
 */
export type CheckLevel = 'MUST' | 'SHOULD' | 'MAY' | 'INFO' | 'SECURITY';

/** What a report shows. `fail` = MUST broken, `warn` = SHOULD broken, `error` = our problem, never the server's. */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'error' | 'info';

/** A citation: every section number is checked against the spec text before it is written here. */
export interface SpecRef {
  /** 'RFC 6120', 'RFC 6121', 'RFC 7622', 'XEP-0077', 'RFC 3920' ... */
  doc: string;
  /** Section number without the '§', e.g. '4.9.3.6'. */
  section: string;
}

/** Spec areas: A–K of the catalogue, then the HTTP side (WebSocket, BOSH, discovery, upload). Also the JUnit classname and the HTML grouping. */
export type CheckArea = 'stream' | 'tls' | 'sasl' | 'bind' | 'iq' | 'roster' | 'presence' | 'message' | 'offline' | 'register' | 's2s' | 'security' | 'websocket' | 'bosh' | 'discovery' | 'upload';

export type CheckProfile = 'rfc6120' | 'rfc3920';

/** What a check needs from the run; the runner skips it (with this reason) when unavailable. */
export interface CheckNeeds {
  /** Fresh accounts the check logs in with (default 0). */
  accounts?: number;
  /** In-band registration must be usable for the check's own throwaway accounts. */
  registration?: boolean;
  /** The direct-TLS (XEP-0368) port must be known. */
  directTls?: boolean;
  /** Simulated s2s peers (issue 6). */
  peers?: boolean;
}

/** The RFC 2119 keyword of the sentence a check tests; 'none' = the text describes without a keyword. */
export type RuleKeyword = 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY' | 'none';

/** The sentence behind a verdict: where it is, its keyword, and what it asks in our own words. */
export interface CheckRule {
  /** e.g. 'RFC 6120 §11.1'. */
  section: string;
  keyword: RuleKeyword;
  /** One line, paraphrased (never the spec's own sentence). */
  says: string;
}

export interface CheckDefinition {
  /** Stable, dotted, e.g. 'rfc6120.stream.host-unknown'. Never renamed once released. */
  id: string;
  title: string;
  area: CheckArea;
  /** Follows `rule.keyword` (MUST/MUST NOT → MUST, SHOULD/SHOULD NOT → SHOULD, MAY → MAY, none → INFO). */
  level: CheckLevel;
  /** Filled from src/checks/rules/ by the registry; every catalogued check has one. */
  rule?: CheckRule;
  /**
   * A weaker sentence judged apart from `rule`, e.g. which stream error condition (SHOULD) after
   * the stream had to be closed (MUST). A violation with `of: 'secondary'` is judged by its keyword.
   */
  secondaryRule?: CheckRule;
  /** Current texts (RFC 6120/6121/7622, XEPs, TLS RFCs). */
  spec: readonly SpecRef[];
  /** The RFC 3920/3921 section this rule descends from, when there is one. */
  legacy?: readonly SpecRef[];
  tags?: readonly string[];
  needs?: CheckNeeds;
  /** Default 20 s; the runner reports `error` when exceeded. */
  timeoutMs?: number;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

/**
 * What a check observed. `violation` becomes `fail` for MUST, `warn` for SHOULD/MAY; `info`
 * records an EITHER choice or an INFO fact. A thrown exception becomes `error` (tool/network).
 */
export type CheckOutcome =
  | { outcome: 'pass'; reason: string }
  | { outcome: 'violation'; reason: string; of?: 'secondary' }
  | { outcome: 'skip'; reason: string }
  | { outcome: 'info'; reason: string };

export interface CheckTarget {
  domain: string;
  /** A second hosted domain, when known (lab targets have two). */
  otherDomain?: string;
  host: string;
  /** c2s STARTTLS port (RFC 6120). */
  port: number;
  /** Direct-TLS port (XEP-0368), when known. */
  directTlsPort?: number;
  /** s2s port, when known. */
  s2sPort?: number;
  /** PEM of the CA to trust; undefined = system roots. */
  caPem?: string;
  /** The HTTP side, where known (given by the user, or the lab's); a check needing an absent part skips. */
  http?: CheckHttpTarget;
}

/** Endpoints of the HTTP side of XMPP. Each is known only when given or the lab has it: never guessed. */
export interface CheckHttpTarget {
  /** RFC 7395 WebSocket endpoint (wss://…). */
  websocket?: string;
  /** XEP-0206 BOSH endpoint (https://…). */
  bosh?: string;
  /** XEP-0156 host-meta URL (XRD form; the JSON form is the same URL with `.json` appended). */
  hostMeta?: string;
  /** XEP-0363 upload service JID; when absent, checks may look for one in the domain's disco#items. */
  uploadService?: string;
}

/** One fresh account for this check only; deleted (or left to the lab) afterwards. */
export interface CheckAccount {
  username: string;
  password: string;
  domain: string;
  /** username@domain */
  jid: string;
}

export interface WireEntry {
  /** Milliseconds since the check started. */
  atMs: number;
  /** 'out' = we sent, 'in' = server sent, 'note' = the check's own annotation. */
  dir: 'out' | 'in' | 'note';
  /** Which connection (e.g. 'raw#1', 'alice/1'). */
  conn: string;
  /** XML as sent/received, passwords and SASL payloads redacted. */
  text: string;
}

export interface RawOpenOptions {
  /** Default: TLS per `target` with STARTTLS not yet done (a plain TCP stream). */
  directTls?: boolean;
  /** Override host/port (e.g. the s2s port). */
  port?: number;
  /** Label in the wire log. */
  label?: string;
}

export interface CheckContext {
  readonly target: CheckTarget;
  readonly profile: CheckProfile;
  /** Aborted when the check times out or the run is interrupted. */
  readonly signal: AbortSignal;
  /** Where `account()` comes from: 'supplied' accounts are the user's own (never expose their password). */
  readonly accountSource?: 'lab' | 'register' | 'supplied';
  /** A fresh account (created by the runner: lab admin interface, IBR or a supplied pool). */
  account(): Promise<CheckAccount>;
  /** Logs in `account` with the product's client (wire-logged); closed by the runner afterwards. */
  login(account: CheckAccount, options?: Partial<Omit<SessionOptions, 'username' | 'password' | 'domain'>>): Promise<Session>;
  /** A raw stream probe for exact bytes (wire-logged); closed by the runner afterwards. */
  raw(options?: RawOpenOptions): Promise<RawProbe>;
  /** A raw BOSH client on `target.http.bosh` (wire-logged); closed by the runner afterwards. Throws when no BOSH endpoint is known. */
  bosh(label?: string): BoshProbe;
  /** Adds a note to the wire log (what the check is about to do, why). */
  note(text: string): void;
  /**
   * "Nothing arrives" barrier: pings our own JID on `session` and resolves when the reply is
   * back, so any stanza the server would have delivered before it has been seen.
   */
  barrier(session: Session): Promise<void>;
  /**
   * Simulated s2s peers against the target (declare `needs.peers`; absent when the run cannot
   * make them): one fresh peer domain unless `domains` are given; closed by the runner.
   */
  peers?(request?: PeerRequest): Promise<PeerNetwork>;
}

export interface PeerRequest {
  /** Default dialback. */
  auth?: PeerAuth;
  domains?: string[];
}

/** One check's result as stored in result.json (format 'xmpp-gauntlet/result@1', field `checks`). */
export interface CheckResult {
  id: string;
  title: string;
  area: CheckArea;
  level: CheckLevel;
  rule?: CheckRule;
  secondaryRule?: CheckRule;
  spec: SpecRef[];
  legacy?: SpecRef[];
  tags: string[];
  verdict: Verdict;
  reason: string;
  durationMs: number;
  wire: WireEntry[];
}
