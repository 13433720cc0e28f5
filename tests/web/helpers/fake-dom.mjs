// A minimal document for node tests: enough of the DOM for the lesson renderer and lesson page
// (elements, text, fragments, attributes, events, simple selectors). It records every element
// created and every innerHTML assignment, so tests can prove what the code built.
class FakeNode extends EventTarget {
  constructor(ownerDocument) {
    super();
    this.ownerDocument = ownerDocument;
    this.parentNode = null;
    this.childNodes = [];
  }

  append(...nodes) {
    for (const node of nodes) {
      const real = typeof node === 'string' ? this.ownerDocument.createTextNode(node) : node;
      if (real instanceof FakeFragment) {
        for (const child of real.childNodes.splice(0)) this.#adopt(child);
      } else {
        this.#adopt(real);
      }
    }
  }

  #adopt(node) {
    node.remove?.();
    node.parentNode = this;
    this.childNodes.push(node);
  }

  replaceChildren(...nodes) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes = [];
    this.append(...nodes);
  }

  remove() {
    if (!this.parentNode) return;
    const siblings = this.parentNode.childNodes;
    siblings.splice(siblings.indexOf(this), 1);
    this.parentNode = null;
  }

  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }

  set textContent(value) {
    this.replaceChildren(this.ownerDocument.createTextNode(String(value)));
  }

  // Elements below this node, depth first.
  *descendants() {
    for (const child of this.childNodes) {
      if (child instanceof FakeElement) {
        yield child;
        yield* child.descendants();
      }
    }
  }

  // Simple selectors, optionally joined by the descendant combinator (a space).
  querySelectorAll(selector) {
    const parts = selector.trim().split(/\s+/);
    const last = parts.pop();
    return [...this.descendants()].filter((element) => {
      if (!element.matches(last)) return false;
      let ancestor = element.parentNode;
      for (let k = parts.length - 1; k >= 0; k -= 1) {
        while (ancestor && ancestor !== this && !(ancestor instanceof FakeElement && ancestor.matches(parts[k]))) ancestor = ancestor.parentNode;
        if (!ancestor || ancestor === this) return false;
        ancestor = ancestor.parentNode;
      }
      return true;
    });
  }

  querySelector(selector) {
    return this.querySelectorAll(selector)[0] ?? null;
  }
}

class FakeText extends FakeNode {
  constructor(ownerDocument, text) {
    super(ownerDocument);
    this.data = text;
  }

  get textContent() {
    return this.data;
  }
}

class FakeFragment extends FakeNode {}

export class FakeElement extends FakeNode {
  constructor(ownerDocument, tag) {
    super(ownerDocument);
    this.localName = tag.toLowerCase();
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.rawHTML = null;
    this.checked = false;
  }

  setAttribute(name, value) {
    this.attributes.set(String(name).toLowerCase(), String(value));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  hasAttribute(name) {
    return this.attributes.has(name);
  }

  removeAttribute(name) {
    this.attributes.delete(name);
  }

  get id() {
    return this.getAttribute('id') ?? '';
  }

  get hidden() {
    return this.hasAttribute('hidden');
  }

  set hidden(value) {
    if (value) this.setAttribute('hidden', '');
    else this.removeAttribute('hidden');
  }

  get value() {
    return this._value ?? this.getAttribute('value') ?? '';
  }

  set value(v) {
    this._value = String(v);
  }

  set innerHTML(html) {
    this.ownerDocument.innerHTMLWrites.push({ element: this, html: String(html) });
    this.rawHTML = String(html);
    this.replaceChildren();
  }

  get innerHTML() {
    return this.rawHTML ?? '';
  }

  click() {
    this.dispatchEvent(new Event('click', { cancelable: true }));
  }

  // Supports "tag", "[name]", "[name="value"]", "tag[name="value"]" and ".class".
  matches(selector) {
    const m = /^([a-z0-9-]*)(?:\[([a-z-]+)(?:="([^"]*)")?\])?(?:\.([a-z0-9-]+))?$/i.exec(selector.trim());
    if (!m) throw new Error(`fake-dom: unsupported selector ${selector}`);
    const [, tag, attr, value, cls] = m;
    if (tag && this.localName !== tag.toLowerCase()) return false;
    if (attr && !this.hasAttribute(attr)) return false;
    if (attr && value !== undefined && this.getAttribute(attr) !== value) return false;
    if (cls && !(this.getAttribute('class') ?? '').split(/\s+/).includes(cls)) return false;
    return true;
  }
}

export class FakeDocument {
  constructor() {
    this.created = [];
    this.innerHTMLWrites = [];
    this.head = null;
    this.body = new FakeElement(this, 'body');
  }

  createElement(tag) {
    const element = new FakeElement(this, tag);
    this.created.push(element);
    return element;
  }

  createTextNode(text) {
    return new FakeText(this, String(text));
  }

  createDocumentFragment() {
    return new FakeFragment(this);
  }
}
