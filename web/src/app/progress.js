// The page's one progress store (lessons and the lesson map share it).
import { ProgressStore } from '../progress/progress-store.js';

let store = null;

// A page that keeps progress elsewhere (a SCORM package inside an LMS keeps it in the LMS, not in
// the browser a whole class may share) gives its own store before anything reads it.
export function useAppProgressStore(own) {
  store = own;
}

export function appProgressStore() {
  store ??= new ProgressStore();
  return store;
}
