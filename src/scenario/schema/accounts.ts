/** `accounts:` — where the simulated users' accounts come from (one source) and whether to delete them after. */
import { Type, type TSchema } from '@sinclair/typebox';
import { Secret } from '../secret.js';
import { DomainName } from './target.js';
import { ACCOUNT_PLACEHOLDERS, COMMAND_PLACEHOLDERS, Decoded, PositiveInteger, SecretTemplate, Strict, Template } from './base.js';

export const ACCOUNT_SOURCES = ['register', 'pattern', 'command', 'lab', 'csv'] as const;
export const ACCOUNT_DEFAULTS = { username: 'user{n}', labPassword: 'pw{n}', from: 1, cleanup: false } as const;

function numberedAccounts(passwordDefault?: string) {
  const password = SecretTemplate(ACCOUNT_PLACEHOLDERS, {
    description: 'Password template; may use ${env:NAME}; never printed',
    ...(passwordDefault === undefined ? {} : { default: passwordDefault }),
  });
  return {
    username: Type.Optional(Template(ACCOUNT_PLACEHOLDERS, { description: 'Username template', default: ACCOUNT_DEFAULTS.username })),
    password: passwordDefault === undefined ? password : Type.Optional(password),
    from: Type.Optional(Type.Integer({ minimum: 0, default: ACCOUNT_DEFAULTS.from, description: 'First value of {n}' })),
    count: Type.Optional(PositiveInteger({ description: 'Number of accounts; defaults to the peak number of users in load' })),
    domain: Type.Optional(DomainName("Domain of the accounts; defaults to the target's first domain")),
  };
}

const Command = Decoded(
  Type.Union([Template(COMMAND_PLACEHOLDERS, { description: 'Command line split on spaces' }), Type.Array(Template(COMMAND_PLACEHOLDERS), { minItems: 1 })], {
    title: 'a command',
    description: 'A program and its arguments, run without a shell: a string split on spaces, or a list of arguments',
  }),
  (command) => (typeof command === 'string' ? command.trim().split(/\s+/) : command),
);

const SOURCE_SCHEMAS = {
  register: Strict(numberedAccounts(), { description: 'Create the accounts by in-band registration (XEP-0077) before the run' }),
  pattern: Strict(numberedAccounts(), { description: 'Accounts that already exist, named by a pattern' }),
  command: Strict(
    { ...numberedAccounts(), create: Command, delete: Type.Optional(Command) },
    { description: 'Create each account by running a command (e.g. prosodyctl, ejabberdctl)' },
  ),
  lab: Strict(numberedAccounts(ACCOUNT_DEFAULTS.labPassword), { description: "Create the accounts through the lab server's admin interface" }),
  csv: Type.String({ minLength: 1, description: 'CSV file of existing accounts: username,password[,domain] per line (path relative to the scenario file)' }),
} satisfies Record<(typeof ACCOUNT_SOURCES)[number], TSchema>;

const cleanup = Type.Optional(
  Type.Boolean({ default: ACCOUNT_DEFAULTS.cleanup, description: 'Delete the accounts this run created when it ends' }),
);

interface NumberedSpec {
  username?: string;
  password?: Secret;
  from?: number;
  count?: number;
  domain?: string;
}

function decodeNumbered<S extends string>(source: S, spec: NumberedSpec, cleanup: boolean | undefined) {
  return {
    source,
    username: spec.username ?? ACCOUNT_DEFAULTS.username,
    // Only lab accounts may omit the password (the schema requires it elsewhere).
    password: spec.password ?? new Secret(ACCOUNT_DEFAULTS.labPassword),
    from: spec.from ?? ACCOUNT_DEFAULTS.from,
    count: spec.count,
    domain: spec.domain,
    cleanup: cleanup ?? ACCOUNT_DEFAULTS.cleanup,
  };
}

const RegisterAccounts = Decoded(Strict({ register: SOURCE_SCHEMAS.register, cleanup }), ({ register, cleanup: clean }) =>
  decodeNumbered('register' as const, register, clean),
);

const PatternAccounts = Decoded(Strict({ pattern: SOURCE_SCHEMAS.pattern, cleanup }), ({ pattern, cleanup: clean }) =>
  decodeNumbered('pattern' as const, pattern, clean),
);

const LabAccounts = Decoded(Strict({ lab: SOURCE_SCHEMAS.lab, cleanup }), ({ lab, cleanup: clean }) =>
  decodeNumbered('lab' as const, lab, clean),
);

const CommandAccounts = Decoded(Strict({ command: SOURCE_SCHEMAS.command, cleanup }), ({ command, cleanup: clean }) => ({
  ...decodeNumbered('command' as const, command, clean),
  create: command.create,
  delete: command.delete,
}));

const CsvAccounts = Decoded(Strict({ csv: SOURCE_SCHEMAS.csv, cleanup }), ({ csv, cleanup: clean }) => ({
  source: 'csv' as const,
  file: csv,
  cleanup: clean ?? ACCOUNT_DEFAULTS.cleanup,
}));

export const AccountsSchema = Type.Union(
  [RegisterAccounts, PatternAccounts, CommandAccounts, LabAccounts, CsvAccounts],
  { title: 'an accounts source', description: 'Exactly one of register, pattern, command, lab, csv; plus cleanup' },
);
