// The page's one progress store (lessons and the lesson map share it).
import { ProgressStore } from '../progress/progress-store.js';

let store = null;

export function appProgressStore() {
  store ??= new ProgressStore();
  return store;
}
