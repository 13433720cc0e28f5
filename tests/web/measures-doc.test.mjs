// docs/measures.md lists exactly what the widgets' schemas document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadSchemas, measuresMarkdown } from '../../scripts/measures-doc.mjs';

test('docs/measures.md is generated from the current schemas', async () => {
  const schemas = await loadSchemas();
  assert.ok(schemas.length >= 3);
  for (const schema of schemas) assert.ok(Object.keys(schema.measures ?? {}).length > 0, `${schema.name} documents its measures`);
  assert.equal(fs.readFileSync('docs/measures.md', 'utf8'), measuresMarkdown(schemas),
    'docs/measures.md is stale: run node scripts/measures-doc.mjs');
});
