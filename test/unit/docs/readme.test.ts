import t from 'tap';
import { readFileSync } from 'node:fs';
import { loadScenarioText } from '../../../src/scenario/index.js';

t.test("the README's own-server scenario is a valid scenario", async (t) => {
  const readme = readFileSync('README.md', 'utf8');
  const yaml = /```yaml\n(# my-server\.yaml\n[\s\S]*?)```/.exec(readme)?.[1];
  t.ok(yaml, 'the example is there');
  const scenario = loadScenarioText(yaml!, 'README.md', { env: { LOAD_PASSWORD: 'secret' } });
  t.equal(scenario.name, 'my-server');
  t.equal(scenario.target.kind, 'server');
});
