// scripts/wasm-size.mjs on a hand-assembled module whose every byte is known: sections add up to
// the file, function bodies are sized and named (from the name section or from emcc's escaped
// symbol map), and names are sorted into their origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyse, origin } from '../../scripts/wasm-size.mjs';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/wasm-size.mjs');
const text = (s) => [s.length, ...Buffer.from(s)];
const section = (id, payload) => [id, payload.length, ...payload];

// One imported function (index 0) and two defined ones: index 1 with a 2-byte body, index 2 with
// a 4-byte body (each entry 1 byte longer for its size).
function module(names) {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]),
    ...section(2, [1, ...text('m'), ...text('f'), 0, 0]),
    ...section(3, [2, 0, 0]),
    ...section(10, [2, 2, 0, 0x0b, 4, 0, 0x01, 0x01, 0x0b])];
  if (names) {
    const entries = [names.length, ...names.flatMap(([index, name]) => [index, ...text(name)])];
    bytes.push(...section(0, [...text('name'), 1, entries.length, ...entries]));
  }
  return Buffer.from(bytes);
}

function withModule(bytes, files, body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wasm-size-'));
  try {
    fs.writeFileSync(path.join(dir, 'lab.wasm'), bytes);
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    return body(path.join(dir, 'lab.wasm'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('sections add up to the file and function bodies take their names from the name section', () => {
  const bytes = module([[1, 'Eigen::internal::gemv<double>::run(double*)'], [2, 'void attractor::Rnn::step()']]);
  withModule(bytes, {}, (file) => {
    const result = analyse(file);
    assert.deepEqual(result.sections.map((s) => s.name), ['type', 'import', 'function', 'code', 'custom "name"']);
    assert.equal(8 + result.sections.reduce((sum, s) => sum + s.raw, 0), bytes.length);
    assert.equal(result.total.raw, bytes.length);
    assert.equal(result.namesFrom, 'name section');
    assert.deepEqual(result.functions.map(({ index, bytes: size, origin: from }) => [index, size, from]),
      [[2, 5, 'core'], [1, 3, 'Eigen']]);
    assert.deepEqual(result.byOrigin.core, { functions: 1, bytes: 5 });
  });
});

test('a module without names reads them from the symbol map beside it, unescaped', () => {
  const map = '0:_emval_decref\n1:Eigen::internal::gemv<double\\2c\\20int>::run\\28double*\\29\n' +
    '2:emscripten::internal::Invoker<void>::invoke\\28void\\20\\28*\\29\\28\\29\\29\n';
  withModule(module(), { 'lab.mjs.symbols': map }, (file) => {
    const result = analyse(file);
    assert.equal(result.namesFrom, 'lab.mjs.symbols');
    const byIndex = Object.fromEntries(result.functions.map((f) => [f.index, f]));
    assert.equal(byIndex[1].name, 'Eigen::internal::gemv<double, int>::run(double*)');
    assert.equal(byIndex[2].name, 'emscripten::internal::Invoker<void>::invoke(void (*)())');
    assert.equal(byIndex[2].origin, 'embind');
  });
});

test('a function belongs to the namespace of its own name, not of its return type or arguments', () => {
  assert.equal(origin('std::__2::vector<attractor::Rnn>::push_back(attractor::Rnn const&)'), 'libc++');
  assert.equal(origin('attractor::wasm::(anonymous namespace)::TrainerBinding* ' +
    'emscripten::internal::operator_new<attractor::wasm::TrainerBinding, emscripten::val>(emscripten::val&&)'), 'embind');
  assert.equal(origin('attractor::wasm::float64_array(std::__2::vector<double> const&)'), 'bindings');
  assert.equal(origin('void Eigen::internal::upperbidiagonalization_blocked_helper<Eigen::Block<double> >(double)'), 'Eigen');
  assert.equal(origin('attractor::Rnn::operator=(attractor::Rnn const&)'), 'core');
  assert.equal(origin('operator new(unsigned long)'), 'libc++');
  assert.equal(origin('dlmalloc'), 'libc and runtime');
  assert.equal(origin(undefined), 'unnamed');
});

test('the command names what is wrong with its arguments', () => {
  const missing = spawnSync(process.execPath, [script, '/nonexistent/lab.wasm'], { encoding: 'utf8' });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /\/nonexistent\/lab\.wasm does not exist/);
  withModule(module(), {}, (file) => {
    const top = spawnSync(process.execPath, [script, file, '--top', 'many'], { encoding: 'utf8' });
    assert.equal(top.status, 2);
    assert.match(top.stderr, /--top must be a whole number of functions, got many/);
    const ok = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    // The code section: id, size, and 9 bytes of bodies.
    assert.match(ok.stdout, /^code +11 /m);
  });
});
