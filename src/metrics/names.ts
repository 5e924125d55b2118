/**
 * Well-known metric names, so steps, checks and reports spell them alike. Names stay
 * free-form strings: a feature may record under a name of its own.
 */
export const LATENCY = {
  tcpConnect: 'tcp_connect',
  tlsHandshake: 'tls_handshake',
  saslAuth: 'sasl_auth',
  bind: 'bind',
  loginTotal: 'login_total',
  /** Labelled by IQ kind: `iq_rtt{kind=ping}`. */
  iqRtt: 'iq_rtt',
  rosterGet: 'roster_get',
  messageE2e: 'message_e2e',
  presenceE2e: 'presence_e2e',
  offlineDelivery: 'offline_delivery',
  s2sConnect: 's2s_connect',
  s2sAuth: 's2s_auth',
  s2sToC2sE2e: 's2s_to_c2s_e2e',
  c2sToS2sE2e: 'c2s_to_s2s_e2e',
  /**
   * Between the two real servers of a two-server run (`target.federate_with`), labelled by the
   * sender's server (`from=target` or `from=federate_with`); the first message each way is apart.
   */
  federatedE2e: 'federated_e2e',
  /** The first message each way of a two-server run: it waits for the s2s link to be set up (unless one existed). */
  federatedFirstE2e: 'federated_first_e2e',
  /** RFC 7395: from the first byte to the WebSocket open (TCP, TLS, HTTP upgrade with subprotocol `xmpp`). */
  wsConnect: 'ws_connect',
  /** XEP-0206: the session creation request's round trip (connection set-up included). */
  boshSessionCreate: 'bosh_session_create',
  /** Every later BOSH request, send to response, including the time the server held it (up to `wait`). */
  boshRequestRtt: 'bosh_request_rtt',
  /** An `http_load` request, send to last response byte, labelled by the phase's `endpoint` (e.g. `host-meta`). */
  httpLatency: 'http_latency',
  /** An upload phase's PUT of one file to its XEP-0363 slot, and the GET that reads it back. */
  uploadPut: 'upload_put',
  uploadGet: 'upload_get',
} as const;

export const COUNTERS = {
  connectionsOpened: 'connections_opened',
  /** Labelled by `reason` (e.g. `timeout`, `tls`, `auth`). */
  connectionsFailed: 'connections_failed',
  /** Labelled by stanza `kind` (`message`, `presence`, `iq`). */
  stanzasSent: 'stanzas_sent',
  stanzasReceived: 'stanzas_received',
  /** Labelled by the XMPP error `condition`. */
  stanzaErrors: 'stanza_errors',
  /** Arrivals an arrival-rate executor could not start (no free virtual user). */
  droppedArrivals: 'dropped_arrivals',
  timeouts: 'timeouts',
  /** `to: random-online` found nobody else online and waited for someone to log in. */
  recipientWaits: 'recipient_waits',
  /** Labelled by `outcome`: completed, failed, aborted. */
  iterations: 'iterations',
  /** Messages between the two servers of a two-server run, labelled by the sender's server (`from`). */
  federatedSent: 'federated_sent',
  federatedDelivered: 'federated_delivered',
  /** Came back as an error stanza to the sender. */
  federatedBounced: 'federated_bounced',
  /** Neither delivered nor bounced by the end of the run (counted once, at the end). */
  federatedLost: 'federated_lost',
  /** Messages to a user's full JID that came back as an error (see steps/deliveries.ts). */
  messagesBounced: 'messages_bounced',
  /** Messages still on their way to a session when it closed (after its bounded wait for them). */
  messagesInFlightAtClose: 'messages_in_flight_at_close',
  /** `http_load` responses, labelled by `endpoint`, `method` and `status` code. */
  httpResponses: 'http_responses',
  /** `http_load` requests that failed, labelled by `endpoint` and `reason` (status, error, timeout, mismatch, untrusted). */
  httpFailures: 'http_failures',
  /** Bytes written to and read from the sockets of `http_load`, labelled by `endpoint`. */
  httpBytesSent: 'http_bytes_sent',
  httpBytesReceived: 'http_bytes_received',
} as const;

export const GAUGES = {
  liveUsers: 'live_users',
  /** An upload phase's body bytes per second, labelled by `endpoint` and `direction` (put, get). */
  uploadRate: 'upload_rate',
} as const;

/** Every metric name a run can record (latencies also as `<name>.corrected`): thresholds may name only these. */
export const KNOWN_METRICS: readonly string[] = [
  ...Object.values(LATENCY).flatMap((name) => [name, `${name}.corrected`]),
  ...Object.values(COUNTERS),
  ...Object.values(GAUGES),
];
