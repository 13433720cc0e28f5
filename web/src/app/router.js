// Hash routes, so the site works from any static host (and from file:// for offline copies):
//   #/                      home and lesson map
//   #/playground            every widget
//   #/playground/<widget>?<settings>   one widget, its settings in the query (the URL state)
//   #/lesson/<id>           a lesson
//   #/models, #/models/<id> about the models
//   #/references            the papers
//   #/glossary?term=<id>    the terms of the lessons
//   #/summary               the student's own measurements across the lessons
//   #/class                 the instructor's table of a class, from the students' progress files
//   #/embedding             EMBEDDING.md: embedding widgets and lessons in a course site
//
// An address that cannot be decoded (a broken percent-escape such as %E0%A4%A) gives a route
// with `malformed` set to the part that failed, so the shell shows a bad-address page.
export function parseRoute(hash) {
  const text = (hash ?? '').replace(/^#/, '') || '/';
  const [pathPart, query = ''] = text.split('?');
  let malformed = null;
  const segments = pathPart.split('/').filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      malformed ??= segment;
      return segment;
    }
  });
  return { segments, query, path: `/${segments.join('/')}`, malformed };
}

export function routeHref(segments, query = '') {
  const path = `#/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
  return query ? `${path}?${query}` : path;
}

// Rewrites the current entry (not a new history step), so moving a slider does not fill the
// back button's history.
export function replaceRoute(segments, query = '') {
  const href = routeHref(segments, query);
  if (location.hash !== href) location.replace(href);
}
