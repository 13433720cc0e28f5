// What takes the bytes of a WebAssembly module: its sections (raw, gzip, brotli), the JS glue
// beside it, and its largest functions grouped by origin (Eigen, embind, libc++, the core, the
// bindings, libc). Function names come from the module's name section or, for a module built
// with `--emit-symbol-map` (the release module carries no names), from the symbol map beside it.
//
//   node scripts/wasm-size.mjs [module.wasm] [--symbols FILE] [--top N] [--json]
//   make wasm-size
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'data count', 'tag'];

function gzipSize(bytes) {
  return zlib.gzipSync(bytes, { level: 9 }).length;
}

function brotliSize(bytes) {
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
}

class Reader {
  constructor(bytes, offset = 0, end = bytes.length) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = end;
  }

  u8() {
    return this.bytes[this.offset++];
  }

  leb() {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(byte & 0x80)) return result;
    }
  }

  name() {
    const length = this.leb();
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return text;
  }
}

// Sections in file order with their id, name (custom sections by their own name), and bytes
// (header included, so the sizes add up to the file size).
export function parseSections(bytes) {
  const magic = bytes.readUInt32LE(0);
  if (magic !== 0x6d736100) throw new Error('not a WebAssembly module (no \\0asm magic)');
  const sections = [];
  const reader = new Reader(bytes, 8);
  while (reader.offset < bytes.length) {
    const start = reader.offset;
    const id = reader.u8();
    const size = reader.leb();
    const payload = reader.offset;
    let name = SECTION_NAMES[id] ?? `unknown ${id}`;
    if (id === 0) name = `custom "${new Reader(bytes, payload).name()}"`;
    sections.push({ id, name, start, payload, end: payload + size, bytes: payload + size - start });
    reader.offset = payload + size;
  }
  return sections;
}

function importedFunctionCount(bytes, sections) {
  const section = sections.find((s) => s.id === 2);
  if (!section) return 0;
  const reader = new Reader(bytes, section.payload, section.end);
  let functions = 0;
  for (let count = reader.leb(); count > 0; count--) {
    reader.name();
    reader.name();
    const kind = reader.u8();
    if (kind === 0) {
      functions++;
      reader.leb();
    } else if (kind === 1) {
      reader.u8();
      limits(reader);
    } else if (kind === 2) {
      limits(reader);
    } else if (kind === 3) {
      reader.u8();
      reader.u8();
    } else if (kind === 4) {
      reader.u8();
      reader.leb();
    }
  }
  return functions;
}

function limits(reader) {
  const flags = reader.u8();
  reader.leb();
  if (flags & 1) reader.leb();
}

// Body size of every defined function, by function index (imports come first in the index space).
function functionBodies(bytes, sections) {
  const section = sections.find((s) => s.id === 10);
  if (!section) return [];
  const first = importedFunctionCount(bytes, sections);
  const reader = new Reader(bytes, section.payload, section.end);
  const bodies = [];
  const count = reader.leb();
  for (let i = 0; i < count; i++) {
    const start = reader.offset;
    const size = reader.leb();
    reader.offset += size;
    bodies.push({ index: first + i, bytes: reader.offset - start });
  }
  return bodies;
}

function namesFromNameSection(bytes, sections) {
  const names = new Map();
  const section = sections.find((s) => s.name === 'custom "name"');
  if (!section) return names;
  const reader = new Reader(bytes, section.payload, section.end);
  reader.name();
  while (reader.offset < section.end) {
    const kind = reader.u8();
    const size = reader.leb();
    const next = reader.offset + size;
    if (kind === 1) {
      for (let count = reader.leb(); count > 0; count--) {
        const index = reader.leb();
        names.set(index, reader.name());
      }
    }
    reader.offset = next;
  }
  return names;
}

// emcc's symbol map: one `index:name` line per function, with binaryen's escapes (`\20` for a
// space, `\2c` for a comma).
function namesFromSymbolMap(file) {
  const names = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(colon + 1).replace(/\\([0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    names.set(Number(line.slice(0, colon)), name);
  }
  return names;
}

// Itanium-mangled names (_Z...) read as C++ through c++filt when it is installed.
function demangle(names) {
  const mangled = [...names].filter(([, name]) => name.startsWith('_Z'));
  if (mangled.length === 0) return names;
  const result = spawnSync('c++filt', { input: mangled.map(([, name]) => name).join('\n'), encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) return names;
  const plain = result.stdout.split('\n');
  mangled.forEach(([index], i) => names.set(index, plain[i]));
  return names;
}

// The qualified name without template arguments, parameters or return type, e.g.
// `Eigen::internal::gemm_pack_rhs::operator()` for a long instantiation.
function baseName(name) {
  let out = '';
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (name.startsWith('operator', i) && depth === 0) {
      const operator = /^operator(\(\)|\[\]|<<=?|>>=?|<=>|[<>!=+\-*/%^&|~]=?|&&|\|\||\+\+|--|->\*?|,|\s+new(\[\])?|\s+delete(\[\])?|\s+[^(<]+)/.exec(name.slice(i));
      if (operator) {
        out += operator[0];
        i += operator[0].length - 1;
        continue;
      }
    }
    if (c === '<' || c === '(') depth++;
    else if ((c === '>' || c === ')') && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  // Drop a return type: the name is the last qualified word (or `operator ...`).
  const words = out.trim().split(/\s+/);
  let first = words.findLastIndex((w) => w.includes('::'));
  const operator = words.findIndex((w) => w === 'operator' || w.startsWith('operator'));
  if (first < 0 || (operator >= 0 && operator < first && !words[first].includes('operator'))) first = operator;
  return words.slice(Math.max(first, 0)).join(' ');
}

export const ORIGINS = ['Eigen', 'embind', 'libc++', 'core', 'bindings', 'libc and runtime', 'unnamed'];

export function origin(name) {
  if (name === undefined) return 'unnamed';
  const base = baseName(name);
  const head = base.split('::')[0];
  if (head === 'Eigen') return 'Eigen';
  if (head === 'emscripten' || /^_?embind|EmscriptenBindingInitializer|^__embind/.test(base)) return 'embind';
  if (base.startsWith('attractor::wasm')) return 'bindings';
  if (head === 'attractor') return 'core';
  if (head === 'std' || head === '__cxxabiv1' || /^(__cxa_|__cxx|operator (new|delete)|__dynamic_cast|__gxx)/.test(base)) {
    return 'libc++';
  }
  if (head === '(anonymous namespace)') return 'core';
  return 'libc and runtime';
}

export function analyse(wasmFile, symbolsFile) {
  const bytes = fs.readFileSync(wasmFile);
  const sections = parseSections(bytes);
  let names = namesFromNameSection(bytes, sections);
  let namesFrom = names.size ? 'name section' : null;
  if (!symbolsFile) {
    const stem = wasmFile.replace(/\.wasm$/, '');
    symbolsFile = [`${stem}.js.symbols`, `${stem}.mjs.symbols`, `${stem}.wasm.symbols`].find((f) => fs.existsSync(f));
  }
  if (!names.size && symbolsFile) {
    names = namesFromSymbolMap(symbolsFile);
    namesFrom = path.basename(symbolsFile);
  }
  names = demangle(names);
  const functions = functionBodies(bytes, sections).map((f) => ({
    ...f, name: names.get(f.index), origin: origin(names.get(f.index)),
  }));
  const byOrigin = Object.fromEntries(ORIGINS.map((o) => [o, { functions: 0, bytes: 0 }]));
  for (const f of functions) {
    byOrigin[f.origin].functions++;
    byOrigin[f.origin].bytes += f.bytes;
  }
  const glueFile = wasmFile.replace(/\.wasm$/, '.mjs');
  const glue = fs.existsSync(glueFile) ? fs.readFileSync(glueFile) : null;
  return {
    file: wasmFile,
    total: { raw: bytes.length, gzip: gzipSize(bytes), brotli: brotliSize(bytes) },
    glue: glue && { file: glueFile, raw: glue.length, gzip: gzipSize(glue), brotli: brotliSize(glue) },
    // Each section compressed alone: a guide to where the compressed bytes go, not exact shares.
    sections: sections.map((s) => {
      const slice = bytes.subarray(s.start, s.end);
      return { name: s.name, raw: s.bytes, gzip: gzipSize(slice), brotli: brotliSize(slice) };
    }),
    namesFrom,
    byOrigin,
    functions: functions.sort((a, b) => b.bytes - a.bytes),
  };
}

function formatBytes(n) {
  return n.toLocaleString('en-US');
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

function shorten(name, width) {
  return name.length <= width ? name : `${name.slice(0, width - 3)}...`;
}

export function report(result, top) {
  const out = [];
  const { total, glue } = result;
  out.push(`${result.file}: ${formatBytes(total.raw)} bytes, gzip ${formatBytes(total.gzip)}, brotli ${formatBytes(total.brotli)}`);
  if (glue) out.push(`${glue.file}: ${formatBytes(glue.raw)} bytes, gzip ${formatBytes(glue.gzip)}, brotli ${formatBytes(glue.brotli)}`);
  out.push('', 'Sections (each compressed alone):');
  out.push(table(['section', 'raw', 'gzip', 'brotli'],
    result.sections.map((s) => [s.name, formatBytes(s.raw), formatBytes(s.gzip), formatBytes(s.brotli)])));
  const code = result.functions.reduce((sum, f) => sum + f.bytes, 0);
  out.push('', `Function bodies by origin (${result.functions.length} functions, ${formatBytes(code)} bytes; names from ${result.namesFrom ?? 'nowhere: build with --emit-symbol-map'}):`);
  out.push(table(['origin', 'functions', 'bytes', 'share'], ORIGINS.filter((o) => result.byOrigin[o].functions)
    .map((o) => [o, result.byOrigin[o].functions, formatBytes(result.byOrigin[o].bytes),
      `${((100 * result.byOrigin[o].bytes) / code).toFixed(1)}%`])));
  out.push('', `Largest ${top} functions:`);
  out.push(table(['bytes', 'origin', 'function'], result.functions.slice(0, top)
    .map((f) => [formatBytes(f.bytes), f.origin, shorten(f.name ?? `function ${f.index}`, 110)])));
  return out.join('\n');
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const option = (flag) => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const value = args[at + 1];
    args.splice(at, 2);
    return value;
  };
  const symbols = option('--symbols');
  const topText = option('--top') ?? '25';
  const top = Number(topText);
  const json = args.includes('--json');
  const [wasmFile = 'build/wasm/wasm/attractor_lab.wasm'] = args.filter((a) => a !== '--json');
  if (!Number.isInteger(top) || top < 0) {
    console.error(`wasm-size: --top must be a whole number of functions, got ${topText}`);
    process.exit(2);
  }
  if (!fs.existsSync(wasmFile)) {
    console.error(`wasm-size: ${wasmFile} does not exist; build it with \`make wasm\``);
    process.exit(2);
  }
  const result = analyse(wasmFile, symbols);
  if (json) {
    console.log(JSON.stringify({ ...result, functions: result.functions.slice(0, top) }, null, 2));
  } else {
    console.log(report(result, top));
  }
}
