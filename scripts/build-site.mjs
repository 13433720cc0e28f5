// Assembles the static site in build/site: the web/ sources, the WebAssembly module and the
// lessons. Everything the page loads comes from this one folder, so any static host can serve it.
import fs from 'node:fs';
import path from 'node:path';

const [wasmDir = 'build/wasm/wasm', out = 'build/site'] = process.argv.slice(2);

fs.rmSync(out, { recursive: true, force: true });
fs.cpSync('web', out, { recursive: true });
fs.mkdirSync(path.join(out, 'wasm'), { recursive: true });
for (const file of ['attractor_lab.mjs', 'attractor_lab.wasm']) {
  const source = path.join(wasmDir, file);
  if (!fs.existsSync(source)) {
    console.error(`build-site: ${source} is missing; build the WebAssembly module first`);
    process.exit(1);
  }
  fs.copyFileSync(source, path.join(out, 'wasm', file));
}
fs.cpSync('lessons', path.join(out, 'lessons'), { recursive: true });
console.log(`build-site: site assembled in ${out}`);
