// Renders a Markdown page of the site (the models' documentation, the embedding guide) with the
// lessons' safe renderer: the site build parses the file into a tree (<name>.json beside
// <name>.md, scripts/build-lessons.mjs), and the page builds DOM nodes from it one by one, no HTML
// from the text.
import { materialize } from '../lessons/render.js';

// The tree of the Markdown file at `url` (its .json twin), or null when it cannot be fetched.
export async function loadMarkdownTree(url) {
  const response = await fetch(new URL(String(url).replace(/\.md$/, '.json'))).catch(() => null);
  if (!response?.ok) return { nodes: null, status: response ? `HTTP ${response.status}` : 'no answer from the site' };
  return { nodes: (await response.json()).nodes, status: 'ok' };
}

export function renderMarkdownInto(container, nodes) {
  container.append(materialize(nodes, container.ownerDocument));
}
