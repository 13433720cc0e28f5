import { h } from '../../ui/dom.js';

export function notFoundPage(container, route) {
  container.append(
    h('h1', { text: 'Page not found' }),
    h('p', { text: `There is no page at ${route.path}.` }),
    h('p', {}, [h('a', { href: '#/', text: 'Go to the home page' })]),
  );
  return { title: 'Page not found' };
}

// The address has a part that cannot be decoded (a broken percent-escape, e.g. from a cut link).
export function badAddressPage(container, route) {
  const shown = route.malformed.length > 80 ? `${route.malformed.slice(0, 80)}…` : route.malformed;
  container.append(
    h('h1', { text: 'Bad address' }),
    h('p', { text: `This address cannot be read: "${shown}" is not valid percent-encoding ` +
      '(a % must be followed by two hexadecimal digits, and together they must spell UTF-8 text). ' +
      'The link may have been cut short or changed.' }),
    h('p', {}, [h('a', { href: '#/', text: 'Go to the home page' }), ' or ', h('a', { href: '#/playground', text: 'the playground' }), '.']),
  );
  return { title: 'Bad address' };
}
