import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { GauntletError } from '../../util/errors.js';
import { scaffoldScenario } from '../scaffold.js';

const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a commented load scenario for your XMPP domain, ready to edit')
    .argument('<domain>', 'the XMPP domain to test (the part after @ in the JIDs)')
    .option('-o, --out <file>', 'where to write it (default: <domain>.yaml); an existing file is never overwritten')
    .addHelpText('after', '\nExample:\n  $ gauntlet init example.org && gauntlet validate example.org.yaml -e LOAD_PASSWORD=x\n')
    .action(async (domain: string, options: { out?: string }) => {
      if (!DOMAIN.test(domain)) throw new GauntletError('usage', `"${domain}" is not a domain name`, { hint: 'e.g. gauntlet init example.org' });
      const file = options.out ?? `${domain}.yaml`;
      await writeFile(file, scaffoldScenario(domain), { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new GauntletError('usage', `${file} exists already`, { hint: 'choose another name with --out, or remove it' });
        throw new GauntletError('environment', `cannot write ${file}: ${error.message}`);
      });
      process.stdout.write(`wrote ${file}\nnext: gauntlet validate ${file} -e LOAD_PASSWORD=...\n`);
    });
}
