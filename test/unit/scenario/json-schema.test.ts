import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import t from 'tap';
import { parse } from 'yaml';
import { JSON_SCHEMA_DIALECT, scenarioJsonSchema } from '../../../src/scenario/index.js';

const scenariosDir = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

/** Strict Ajv refuses unknown keywords; the duration format is ours, declared so it is not an unknown format. */
function compile() {
  const ajv = new Ajv({ allErrors: true, strict: true, formats: { 'gauntlet-duration': true, 'gauntlet-push-url': true } });
  const schema = scenarioJsonSchema();
  t.ok(ajv.validateSchema(schema), `valid against the draft-07 meta-schema: ${ajv.errorsText()}`);
  return ajv.compile(schema);
}

t.test('the editor schema is draft-07 JSON Schema', async (t) => {
  const schema = scenarioJsonSchema();
  t.equal(schema.$schema, JSON_SCHEMA_DIALECT);
  t.same(JSON.parse(JSON.stringify(schema)), schema, 'plain JSON');
  t.not(scenarioJsonSchema(), schema, 'a fresh copy each call');
  t.ok(compile());
});

t.test('it accepts every bundled scenario', async (t) => {
  const validate = compile();
  for (const name of readdirSync(scenariosDir).filter((file) => /\.ya?ml$/.test(file))) {
    t.ok(validate(parse(readFileSync(`${scenariosDir}${name}`, 'utf8'))), `${name}: ${JSON.stringify(validate.errors)}`);
  }
});

t.test('it refuses what the loader refuses by shape', async (t) => {
  const validate = compile();
  const base = { target: { domain: 'example.org' }, accounts: { pattern: { password: 'pw' } }, flow: ['login'] };
  t.ok(validate(base));
  t.ok(validate({ ...base, 'x-anchors': { any: 'thing' } }), 'x- keys are allowed');
  t.notOk(validate({ ...base, flwo: [] }), 'unknown top-level key');
  t.notOk(validate({ ...base, flow: [{ mesage: { to: 'self' } }] }), 'unknown step');
  t.notOk(validate({ ...base, flow: [{ loop: { count: 1, steps: [{ message: { to: 'x', tpye: 'chat' } }] } }] }), 'unknown key inside a nested loop');
  t.notOk(validate({ ...base, target: { domain: 'example.org', tls: 'tsl' } }), 'unknown TLS mode');
  t.notOk(validate({ ...base, flow: [{ message: { to: '{usr}' } }] }), 'unknown placeholder');
  t.notOk(validate({ ...base, load: { phases: [{ executor: 'constant-user', users: 1 }] } }), 'unknown executor');
});

t.test('passwords are marked writeOnly and durations documented', async (t) => {
  const text = JSON.stringify(scenarioJsonSchema());
  t.match(text, /"writeOnly":true/);
  t.match(text, /"format":"gauntlet-duration"/);
  t.match(text, /"\$ref":"Step"/, 'loops refer back to the step schema');
});
