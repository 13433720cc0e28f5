// Renders Markdown (the models' documentation) with the lessons' safe renderer: DOM nodes built
// one by one, no HTML from the text.
import { materialize, parseMarkdown } from '../lessons/render.js';

export function renderMarkdownInto(container, text) {
  const { nodes } = parseMarkdown(text, 1);
  container.append(materialize(nodes, container.ownerDocument));
}
