/** The xmpp room's public surface: the only place outside src/xmpp may import from. */
export { openSession, type SessionOptions, type TlsMode } from './login.js';
export { Session, type SessionClose, type SessionInfo, type SessionTimings } from './session.js';
export { MECHANISMS, type SaslMechanism } from './sasl.js';
export { availableBindings, channelBindingData, type ChannelBindingType } from './channel-binding.js';
export type { TlsSettings } from './tls.js';
export {
  XmppError,
  XmppStreamError,
  XmppStanzaError,
  XmppAuthError,
  XmppTimeoutError,
  XmppConnectError,
  XmppServerFault,
  isServerFault,
  classifyConnectFailure,
  type ConnectFailureReason,
} from './errors.js';
export { compilePattern, elementMatches, globMatches, toPredicate, type StanzaMatcher, type StanzaPredicate } from './match.js';
export { bareJid, buildJid, isFullJid, parseJid, sameJid, type Jid } from './jid.js';
export { NS, parseXml, toElement, xml, Element, Parser } from './xml.js';
export { ScramClient, saslPrep, type ScramHash } from './scram.js';
export { registerAccount, type Registration } from './register.js';
export {
  openRawProbe,
  type RawProbe,
  type RawProbeOptions,
  type ProbeHeaderOptions,
  type ProbeOpened,
  type StreamErrorInfo,
  type StreamHeader,
} from './raw-probe.js';
export { WireRedactor, type WireDirection, type WireListener } from './wire-redact.js';
// The WebSocket and BOSH probes load `ws` and undici: a run that never speaks HTTP should not pay for
// them, so only their types are here; the checks import the classes from their own files.
export type { HandshakeAnswer, ProbeClose, ProbeMessage, WebSocketProbe, WebSocketProbeOptions } from './websocket-probe.js';
export { signatureAlgorithmOid } from './certificate-der.js';
export { DEFAULT_LIMITS, configureLimits, formatSize, parseLimit, streamLimits, type StreamLimits } from './limits.js';
export { GuardedParser, StreamFault } from './guarded-parser.js';
export { httpExchange, type HttpReply, type HttpRequest } from './http-exchange.js';
export { discoverEndpoint, fetchBounded, linksFromJson, linksFromXrd, REL, type HostMetaLink, type HostMetaResponse } from './host-meta.js';
export { findUploadService, uploadServiceAt, requestUploadSlot, slotFrom, slotRequest, type SlotRequest, type UploadService, type UploadSlot } from './upload-slot.js';
export type { StreamTransport } from './stream.js';
export type { BoshExchange, BoshProbe, BoshProbeOptions } from './bosh-probe.js';
