// Writes docs/measures.md: every measure every widget publishes, from the widgets' schemas (the
// one list that lessons check against and embeds report). `--check` fails when the file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const WIDGETS_DIR = 'web/src/widgets';
const OUTPUT = 'docs/measures.md';

export async function loadSchemas() {
  const schemas = [];
  for (const name of fs.readdirSync(WIDGETS_DIR).sort()) {
    const file = path.join(WIDGETS_DIR, name, 'schema.js');
    if (!fs.existsSync(file)) continue;
    const module = await import(pathToFileURL(path.resolve(file)).href);
    for (const value of Object.values(module)) {
      if (value && typeof value === 'object' && value.name && value.params && value.version) schemas.push(value);
    }
  }
  // In the catalog's order (the order of the playground and of the lessons).
  const { WIDGETS } = await import('../web/src/widgets/catalog.js');
  const rank = (schema) => {
    const index = WIDGETS.findIndex((widget) => widget.name === schema.name);
    return index < 0 ? WIDGETS.length : index;
  };
  return schemas.sort((a, b) => rank(a) - rank(b));
}

export function measuresMarkdown(schemas) {
  const lines = ['# Published measures', '',
    'Every widget publishes its live measures by name: lessons check tasks against them',
    '(`lessons/README.md`), embeds report them (`EMBEDDING.md`, the `measures` event), and scripts read',
    'them as `element.measures`. This file is generated from the widgets\' schemas by',
    '`node scripts/measures-doc.mjs`; a test fails when it is out of date.', ''];
  for (const schema of schemas) {
    lines.push(`## ${schema.title} (\`${schema.name}\`, \`<al-${schema.name}>\`)`, '');
    lines.push('| measure | meaning |', '|---|---|');
    for (const [name, text] of Object.entries(schema.measures ?? {})) lines.push(`| \`${name}\` | ${text.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const text = measuresMarkdown(await loadSchemas());
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (current !== text) {
      console.error(`${OUTPUT} is out of date: run node scripts/measures-doc.mjs`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(OUTPUT, text);
    console.log(`wrote ${OUTPUT}`);
  }
}
