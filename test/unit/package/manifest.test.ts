/**
 * package.json as the installed tool needs it: what src/ imports is a runtime dependency, a
 * runtime dependency is something src/ imports, nothing runs at install time, and the version
 * the CLI prints is the package's.
 */
import t from 'tap';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { buildProgram } from '../../../src/cli/program.js';
import { DEBIAN_PACKAGES } from '../../../src/setup/debian-packages.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** Runtime dependencies kept for work in progress, with the reason; src/ does not import them yet. */
const PENDING: Record<string, string> = {
  autocannon: 'the HTTP side (BOSH, WebSocket upgrade, host-meta) load, src/http/',
  '@xmpp/client': 'the WebSocket transport may use its client wiring',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Package names src/ imports or resolves (`from 'x'`, `import('x')`, `require.resolve(\`x/...\`)`). */
function importedPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of sources(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^\s*(?:import|export)\b[^;'"`]*?\bfrom\s*|\bimport\(\s*|\brequire(?:\.resolve)?\(\s*)['"`]([^'"`]+)['"`]/gm)) {
      const specifier = m[1]!;
      if (!/^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*(\/|$)/.test(specifier)) continue; // relative, node:, or not a module
      const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
      if (!builtinModules.includes(name)) names.add(name);
    }
  }
  return names;
}

t.test('every package src/ uses is a runtime dependency, and every runtime dependency is used', async (t) => {
  const used = importedPackages();
  t.ok(used.has('uplot'), 'a package only resolved at run time is seen too');
  for (const name of used) t.ok(PACKAGE.dependencies[name], `${name} is in dependencies (an installed copy has no devDependencies)`);
  for (const name of Object.keys(PACKAGE.dependencies)) {
    if (PENDING[name]) continue;
    t.ok(used.has(name), `${name} is imported by src/`);
  }
});

t.test('nothing runs at install time; packing builds dist/ and ships it', async (t) => {
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) t.notOk(PACKAGE.scripts[hook], `no ${hook} script`);
  t.match(PACKAGE.scripts.prepack, /npm run build/);
  t.ok(PACKAGE.files.includes('dist'));
});

t.test('gauntlet --version is the package version', async (t) => {
  t.equal((await buildProgram()).version(), PACKAGE.version);
});

t.test('the README names every Debian package the set-up installs', async (t) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const pkg of DEBIAN_PACKAGES) t.match(readme, new RegExp(`\\b${pkg.name}\\b`), pkg.name);
});
