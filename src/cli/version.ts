import { createRequire } from 'node:module';

/** The version in package.json (two levels up from both src/cli and dist/cli). */
export function toolVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}
