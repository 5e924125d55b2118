/** Roster and subscription steps (RFC 6121): roster.get, roster.set, roster.remove, subscribe, approve. */
import { Type, type StaticDecode } from '@sinclair/typebox';
import { Decoded, Strict } from './base.js';
import { AsPeer, FlowTemplate, OrNothing, Recipient, StepEntry, timeout } from './step-base.js';

const RosterGetEntry = StepEntry('roster.get', OrNothing(Strict({ timeout })), 'Fetch the roster');

export function decodeRosterGet(params: StaticDecode<typeof RosterGetEntry>['roster.get']) {
  return { kind: 'roster.get' as const, timeoutMs: params?.timeout };
}

const jid = FlowTemplate('JID of the contact, e.g. user{n}@{domain}');

const RosterSetEntry = StepEntry(
  'roster.set',
  Strict({
    jid,
    name: Type.Optional(FlowTemplate('Display name of the contact')),
    groups: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'Roster groups' })),
    timeout,
  }),
  'Add or update a roster item',
);

const RosterRemoveEntry = StepEntry('roster.remove', Strict({ jid, timeout }), 'Remove a roster item');

const SubscribeEntry = StepEntry(
  'subscribe',
  Strict({ to: Recipient, as: AsPeer, timeout }),
  'Ask for a presence subscription (the step ends when the request is sent)',
);

const ApproveEntry = StepEntry(
  'approve',
  OrNothing(Strict({ from: Type.Optional(FlowTemplate('Only approve a request from this JID; any when omitted')), timeout })),
  'Wait for a subscription request and approve it',
);

export function decodeApprove(params: StaticDecode<typeof ApproveEntry>['approve']) {
  return { kind: 'approve' as const, from: params?.from, timeoutMs: params?.timeout };
}

export const ROSTER_STEPS = [
  Decoded(RosterGetEntry, (entry) => decodeRosterGet(entry['roster.get'])),
  Decoded(RosterSetEntry, ({ 'roster.set': params }) => ({
    kind: 'roster.set' as const,
    jid: params.jid,
    name: params.name,
    groups: params.groups ?? [],
    timeoutMs: params.timeout,
  })),
  Decoded(RosterRemoveEntry, ({ 'roster.remove': params }) => ({ kind: 'roster.remove' as const, jid: params.jid, timeoutMs: params.timeout })),
  Decoded(SubscribeEntry, ({ subscribe }) => ({
    kind: 'subscribe' as const,
    to: subscribe.to,
    ...(subscribe.as === 'peer' ? { asPeer: true as const } : {}),
    timeoutMs: subscribe.timeout,
  })),
  Decoded(ApproveEntry, (entry) => decodeApprove(entry.approve)),
] as const;
