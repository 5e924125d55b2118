/** Registry key = YAML word = file name (`roster.get` → roster-get.ts). */
import type { StepKind } from '../scenario/types.js';
import type { StepRun } from './context.js';
import { run as approve } from './approve.js';
import { run as disconnect } from './disconnect.js';
import { run as expect } from './expect.js';
import { run as iq } from './iq.js';
import { run as login } from './login.js';
import { run as loop } from './loop.js';
import { run as message } from './message.js';
import { run as presence } from './presence.js';
import { run as raw } from './raw.js';
import { run as rosterGet } from './roster-get.js';
import { run as rosterRemove } from './roster-remove.js';
import { run as rosterSet } from './roster-set.js';
import { run as subscribe } from './subscribe.js';
import { run as think } from './think.js';
import { run as wait } from './wait.js';

export const STEPS: { readonly [K in StepKind]: StepRun<K> } = {
  login,
  presence,
  'roster.get': rosterGet,
  'roster.set': rosterSet,
  'roster.remove': rosterRemove,
  subscribe,
  approve,
  message,
  expect,
  iq,
  think,
  loop,
  wait,
  disconnect,
  raw,
};
