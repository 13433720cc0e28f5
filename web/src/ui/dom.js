// Builds DOM elements without parsing HTML strings, so no text ever becomes markup.
export function h(tag, attributes = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'text') element.textContent = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of [].concat(children)) {
    if (child !== null && child !== undefined) {
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return element;
}

// Adds the element with id `id` to what describes `element` (aria-describedby), after the others.
export function addDescription(element, id) {
  element.setAttribute('aria-describedby', `${element.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
}

let nextId = 0;
// A page-unique id for label/for and aria references.
export function uniqueId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
