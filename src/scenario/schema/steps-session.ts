/** Session steps: login, presence, iq, raw, disconnect. */
import { Type, type StaticDecode } from '@sinclair/typebox';
import { Choice, Decoded, Strict } from './base.js';
import { AsPeer, FlowTemplate, OrNothing, StepEntry, timeout } from './step-base.js';

export const MECHANISMS = ['auto', 'SCRAM-SHA-1', 'SCRAM-SHA-256', 'SCRAM-SHA-1-PLUS', 'SCRAM-SHA-256-PLUS', 'PLAIN'] as const;
export const PRESENCE_SHOWS = ['away', 'chat', 'dnd', 'xa'] as const;
export const SESSION_DEFAULTS = { mechanism: 'auto', presenceType: 'available', iqRequest: 'ping' } as const;

const LoginEntry = StepEntry(
  'login',
  OrNothing(
    Strict({
      mechanism: Type.Optional(Choice(MECHANISMS, { default: SESSION_DEFAULTS.mechanism, description: 'SASL mechanism; auto picks the strongest offered' })),
      resource: Type.Optional(FlowTemplate('Resource to bind; the server chooses one when omitted')),
      timeout,
    }),
  ),
  'Connect, negotiate TLS, authenticate and bind a resource',
);

export function decodeLogin(params: StaticDecode<typeof LoginEntry>['login']) {
  return {
    kind: 'login' as const,
    mechanism: params?.mechanism ?? SESSION_DEFAULTS.mechanism,
    resource: params?.resource,
    timeoutMs: params?.timeout,
  };
}

const PresenceEntry = StepEntry(
  'presence',
  OrNothing(
    Strict({
      type: Type.Optional(Choice(['available', 'unavailable'] as const, { default: SESSION_DEFAULTS.presenceType })),
      show: Type.Optional(Choice(PRESENCE_SHOWS)),
      status: Type.Optional(FlowTemplate('Status text')),
      priority: Type.Optional(Type.Integer({ minimum: -128, maximum: 127 })),
      as: AsPeer,
      timeout,
    }),
  ),
  'Broadcast presence (the first one makes the user available)',
);

export function decodePresence(params: StaticDecode<typeof PresenceEntry>['presence']) {
  return {
    kind: 'presence' as const,
    type: params?.type ?? SESSION_DEFAULTS.presenceType,
    show: params?.show,
    status: params?.status,
    priority: params?.priority,
    // The remote counterpart sends this presence to the user, directed (only present when set).
    ...(params?.as === 'peer' ? { asPeer: true as const } : {}),
    timeoutMs: params?.timeout,
  };
}

const IQ_REQUEST = "'ping' (XEP-0199) or the raw XML of an <iq/>; its id is set for you";

const IqEntry = StepEntry(
  'iq',
  Type.Union([
    Type.Null(),
    FlowTemplate(IQ_REQUEST),
    Strict({
      request: Type.Optional(FlowTemplate(IQ_REQUEST)),
      to: Type.Optional(FlowTemplate("Address of the iq; the user's server when omitted (with as: peer, the user's own session)")),
      as: AsPeer,
      timeout,
    }),
  ]),
  'Send an iq and wait for its result',
);

export function decodeIq(params: StaticDecode<typeof IqEntry>['iq']) {
  const options = typeof params === 'string' ? { request: params } : (params ?? {});
  const request = options.request ?? SESSION_DEFAULTS.iqRequest;
  return {
    kind: 'iq' as const,
    request: request === 'ping' ? ('ping' as const) : { xml: request },
    to: 'to' in options ? options.to : undefined,
    ...('as' in options && options.as === 'peer' ? { asPeer: true as const } : {}),
    timeoutMs: 'timeout' in options ? options.timeout : undefined,
  };
}

const RawXml = FlowTemplate('XML written to the stream as is', 'XML');

const RawEntry = StepEntry('raw', Type.Union([RawXml, Strict({ xml: RawXml, timeout })]), 'Write raw XML to the stream');

const DisconnectEntry = StepEntry('disconnect', OrNothing(Strict({ timeout })), 'Close the stream and the connection');

export function decodeDisconnect(params: StaticDecode<typeof DisconnectEntry>['disconnect']) {
  return { kind: 'disconnect' as const, timeoutMs: params?.timeout };
}

export const SESSION_STEPS = [
  Decoded(LoginEntry, (entry) => decodeLogin(entry.login)),
  Decoded(PresenceEntry, (entry) => decodePresence(entry.presence)),
  Decoded(IqEntry, (entry) => decodeIq(entry.iq)),
  Decoded(RawEntry, ({ raw }) => {
    const options = typeof raw === 'string' ? { xml: raw, timeout: undefined } : raw;
    return { kind: 'raw' as const, xml: options.xml, timeoutMs: options.timeout };
  }),
  Decoded(DisconnectEntry, (entry) => decodeDisconnect(entry.disconnect)),
] as const;
