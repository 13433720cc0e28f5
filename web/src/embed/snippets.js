// The HTML a course author pastes to embed the lab (used by the page's Embed panel and by the
// build's oEmbed answers, so both give the same code).
export function escapeAttribute(text) {
  return String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// The iframe in a wrapper that keeps its aspect ratio on every screen width.
export function iframeSnippet(src, title) {
  return `<div style="position:relative;width:100%;aspect-ratio:4/3;">` +
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" loading="lazy" allow="fullscreen" allowfullscreen ` +
    `style="position:absolute;inset:0;width:100%;height:100%;border:0;"></iframe></div>`;
}

// The iframe at a measured size: as wide as the column up to `width` px and `height` px high, the
// height the share panel measured for the embed's content at that width.
export function sizedIframeSnippet(src, title, { width, height }) {
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" loading="lazy" allow="fullscreen" allowfullscreen ` +
    `style="display:block;width:100%;max-width:${Math.round(width)}px;height:${Math.round(height)}px;border:0;"></iframe>`;
}

// The <attractor-lab> element with its script; `attributes` such as { widget, config, hide, lock }.
export function elementSnippet(scriptSrc, attributes) {
  const text = Object.entries(attributes).filter(([, value]) => value)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  return `<script src="${escapeAttribute(scriptSrc)}"></script>\n<attractor-lab${text}></attractor-lab>`;
}
