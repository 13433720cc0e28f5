import { h } from '../../ui/dom.js';

export function notFoundPage(container, route) {
  container.append(
    h('h1', { text: 'Page not found' }),
    h('p', { text: `There is no page at ${route.path}.` }),
    h('p', {}, [h('a', { href: '#/', text: 'Go to the home page' })]),
  );
  return { title: 'Page not found' };
}
