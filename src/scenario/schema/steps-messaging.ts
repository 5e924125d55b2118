/** Messaging steps: message (send) and expect (wait for a matching stanza). */
import { Type } from '@sinclair/typebox';
import { Choice, Decoded, PositiveInteger, Strict } from './base.js';
import { AsPeer, FlowTemplate, Recipient, StepEntry, timeout } from './step-base.js';

export const MESSAGE_TYPES = ['chat', 'normal', 'headline'] as const;
export const MESSAGING_DEFAULTS = { type: 'chat', count: 1 } as const;

const MessageEntry = StepEntry(
  'message',
  Strict({
    to: Recipient,
    body: Type.Optional(FlowTemplate('Body text (or use size)')),
    size: Type.Optional(PositiveInteger({ description: 'Body of this many bytes, generated (instead of body)' })),
    type: Type.Optional(Choice(MESSAGE_TYPES, { default: MESSAGING_DEFAULTS.type })),
    count: Type.Optional(PositiveInteger({ default: MESSAGING_DEFAULTS.count, description: 'Messages sent back to back' })),
    as: AsPeer,
    timeout,
  }),
  'Send messages; latency is measured end to end when the recipient is a simulated user',
);

const STANZA_PATTERN =
  "A stanza pattern: attributes and elements listed must match, '*' matches any value, e.g. <message type='chat' from='*'><body>*</body></message>";

const ExpectEntry = StepEntry(
  'expect',
  Type.Union([FlowTemplate(STANZA_PATTERN, 'a stanza pattern'), Strict({ stanza: FlowTemplate(STANZA_PATTERN, 'a stanza pattern'), timeout })]),
  'Wait until a stanza matching the pattern arrives (fails on timeout)',
);

export const MESSAGING_STEPS = [
  Decoded(MessageEntry, ({ message }) => ({
    kind: 'message' as const,
    to: message.to,
    // Neither body nor size: the engine writes a short numbered body.
    body: message.body,
    size: message.size,
    type: message.type ?? MESSAGING_DEFAULTS.type,
    count: message.count ?? MESSAGING_DEFAULTS.count,
    // Only present when set, so steps without it decode as they always did.
    ...(message.as === 'peer' ? { asPeer: true as const } : {}),
    timeoutMs: message.timeout,
  })),
  Decoded(ExpectEntry, ({ expect }) => {
    const options = typeof expect === 'string' ? { stanza: expect, timeout: undefined } : expect;
    return { kind: 'expect' as const, stanza: options.stanza, timeoutMs: options.timeout };
  }),
] as const;
