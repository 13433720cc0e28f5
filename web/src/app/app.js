// The site's shell: renders the page for the current hash route into <main>, keeps focus and the
// document title right for screen-reader and keyboard users, and hands query-only changes of the
// same page to that page (a widget's settings in the URL) instead of rebuilding it.
import { parseRoute } from './router.js';
import { homePage } from './pages/home.js';
import { playgroundPage, widgetPage } from './pages/playground.js';
import { referencesPage } from './pages/references.js';
import { glossaryPage } from './pages/glossary.js';
import { lessonRoute } from './pages/lesson.js';
import { modelsPage } from './pages/models.js';
import { badAddressPage, notFoundPage } from './pages/not-found.js';
import { summaryPage } from './pages/summary.js';
import { classPage } from './pages/class.js';
import { embeddingPage } from './pages/embedding.js';
import { applyThemeFromStorage } from './theme.js';

function pageFor({ segments, malformed }) {
  if (malformed !== null) return badAddressPage;
  const [first, second] = segments;
  if (!first) return homePage;
  if (first === 'playground') return second ? widgetPage : playgroundPage;
  if (first === 'lesson' && second) return lessonRoute;
  if (first === 'models') return modelsPage;
  if (first === 'references') return referencesPage;
  if (first === 'glossary') return glossaryPage;
  if (first === 'summary') return summaryPage;
  if (first === 'class') return classPage;
  if (first === 'embedding') return embeddingPage;
  return notFoundPage;
}

export function startApp(main) {
  let current = null;
  let currentPath = null;

  const show = async () => {
    const route = parseRoute(location.hash);
    if (current && route.path === currentPath && current.onQueryChange) {
      current.onQueryChange(route.query);
      return;
    }
    current?.dispose?.();
    currentPath = route.path;
    const page = pageFor(route);
    const container = document.createElement('div');
    container.className = 'page';
    main.replaceChildren(container);
    current = await page(container, route);
    document.title = `${current?.title ?? 'Attractor Lab'} · Attractor Lab`;
    for (const link of document.querySelectorAll('.site-nav a')) {
      const target = parseRoute(link.getAttribute('href')).segments[0] ?? '';
      link.toggleAttribute('aria-current', target === (route.segments[0] ?? ''));
      if (link.hasAttribute('aria-current')) link.setAttribute('aria-current', 'page');
    }
    // Move focus to the new page's heading, as a page load would, without scrolling embeds.
    const heading = container.querySelector('h1');
    if (heading && document.activeElement !== document.body) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  };

  applyThemeFromStorage();
  addEventListener('hashchange', show);
  return show();
}
