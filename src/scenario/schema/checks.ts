/** `checks:` — the conformance checks a scenario runs before its load phases (docs/checks.md). */
import { Type } from '@sinclair/typebox';
import { parseDuration } from '../../util/duration.js';
import { REQUIREMENT_NAMES } from '../../checks/requirements/names.js';
import { Choice, Decoded, Duration, PositiveInteger, Strict } from './base.js';

export const CHECK_PROFILES = ['rfc6120', 'rfc3920'] as const;
export const CHECK_ACCOUNT_SOURCES = ['auto', 'lab', 'register', 'scenario'] as const;
export const CHECK_DEFAULTS = { profile: 'rfc6120', concurrency: 4, timeout: '20s', accounts: 'auto' } as const;

const Selectors = (description: string) =>
  Type.Array(Type.String({ minLength: 1 }), {
    description: `${description}: check ids, globs (rfc6120.stream.*), areas (stream), tags, or spec names (RFC 6121, XEP-0077)`,
  });

export const ChecksSchema = Decoded(
  Strict({
    select: Type.Optional(Selectors('Checks to run (default: the whole catalogue)')),
    skip: Type.Optional(Selectors('Checks to leave out')),
    require: Type.Optional(
      Type.Array(Choice(REQUIREMENT_NAMES), { description: 'Deployment requirements: optional features this deployment must have; an absent one fails the run (exit 1), reported apart from the RFC verdicts' }),
    ),
    profile: Type.Optional(
      Choice(CHECK_PROFILES, { default: CHECK_DEFAULTS.profile, description: 'rfc6120, or rfc3920 to accept the older names and behaviours' }),
    ),
    concurrency: Type.Optional(PositiveInteger({ maximum: 16, default: CHECK_DEFAULTS.concurrency, description: 'Checks running at once' })),
    timeout: Type.Optional(Duration({ default: CHECK_DEFAULTS.timeout, description: 'Limit for one check (a check may declare its own)' })),
    accounts: Type.Optional(
      Choice(CHECK_ACCOUNT_SOURCES, {
        default: CHECK_DEFAULTS.accounts,
        description:
          "Where checks get accounts: 'lab' (fresh, lab targets), 'register' (fresh, in-band registration), 'scenario' (the scenario's accounts, reused); 'auto' = lab for lab targets, else scenario when accounts are given, else register",
      }),
    ),
  }),
  (input) => ({
    select: input.select ?? [],
    skip: input.skip ?? [],
    require: input.require ?? [],
    profile: input.profile ?? CHECK_DEFAULTS.profile,
    concurrency: input.concurrency ?? CHECK_DEFAULTS.concurrency,
    timeoutMs: input.timeout ?? parseDuration(CHECK_DEFAULTS.timeout),
    accounts: input.accounts ?? CHECK_DEFAULTS.accounts,
  }),
);
