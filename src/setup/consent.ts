import { GauntletError } from '../util/errors.js';

/** The environment variable that allows (yes) or declines (no) installing without a prompt. */
export const INSTALL_ENV = 'GAUNTLET_INSTALL';

/** install / decline: decided; ask: prompt on the terminal; unasked: nobody to ask and nobody said yes. */
export type Consent = 'install' | 'decline' | 'ask' | 'unasked';

/** A flag wins over the environment variable; with neither, only a terminal can say yes. */
export function consentFrom(flag: boolean | undefined, envValue: string | undefined, interactive: boolean): Consent {
  if (flag !== undefined) return flag ? 'install' : 'decline';
  if (envValue !== undefined && envValue !== '') {
    const value = envValue.trim().toLowerCase();
    if (value === 'yes') return 'install';
    if (value === 'no') return 'decline';
    throw new GauntletError('usage', `${INSTALL_ENV}=${JSON.stringify(envValue)} is neither yes nor no`, {
      hint: `${INSTALL_ENV}=yes installs missing packages without asking, ${INSTALL_ENV}=no never installs`,
    });
  }
  return interactive ? 'ask' : 'unasked';
}
