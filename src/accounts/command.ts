import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { inBatches, type BatchOptions, type BatchOutcome } from './batches.js';
import { fillTemplate } from './template.js';

const run = promisify(execFile);
const CONCURRENCY = 4;
const COMMAND_TIMEOUT_MS = 60_000;

/** Each argument is filled in on its own and the program runs without a shell: values cannot inject commands. */
export function commandLine(template: readonly string[], user: VirtualUser): string[] {
  const values = { user: user.username, n: user.n, domain: user.domain, password: user.password };
  return template.map((arg) => fillTemplate(arg, values));
}

interface ExecFailure {
  code?: unknown;
  killed?: boolean;
  stderr?: string;
}

function failed(template: readonly string[], user: VirtualUser, what: string, error: ExecFailure): GauntletError {
  // The password may be an argument or echoed by the program: never show the command line, and mask it in stderr.
  const raw = error.stderr ?? '';
  const stderr = (user.password ? raw.split(user.password).join('***') : raw).trim().slice(0, 300);
  const status = error.killed ? `no answer within ${COMMAND_TIMEOUT_MS / 1000} s` : typeof error.code === 'number' ? `exit ${error.code}` : String(error.code);
  return new GauntletError('config', `the accounts ${what} command "${template[0]}" failed for ${user.jid} (${status})${stderr ? `: ${stderr}` : ''}`, {
    hint: 'run it by hand for one account to see why',
  });
}

/** Runs the command once per user (a few at a time). */
export function runForEach(template: readonly string[], users: readonly VirtualUser[], what: string, options: BatchOptions = {}): Promise<BatchOutcome<VirtualUser>> {
  return inBatches(
    users,
    CONCURRENCY,
    async (user) => {
      const [command, ...args] = commandLine(template, user);
      await run(command!, args, { timeout: COMMAND_TIMEOUT_MS }).catch((error: ExecFailure) => {
        throw failed(template, user, what, error);
      });
    },
    options,
  );
}
