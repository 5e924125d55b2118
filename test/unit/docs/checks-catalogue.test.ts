import t from 'tap';
import { readFileSync } from 'node:fs';
import { CATALOGUE } from '../../../src/checks/index.js';
import { renderCatalogueMarkdown } from '../../../src/report/checks-catalogue.js';

t.test('docs/checks-catalogue.md is the registry as it is (regenerate: gauntlet checks list --markdown)', async (t) => {
  t.equal(readFileSync('docs/checks-catalogue.md', 'utf8'), renderCatalogueMarkdown(CATALOGUE));
});
