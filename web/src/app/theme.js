// The high-contrast (projector) theme: chosen with the switch in the header, remembered in the
// browser, and also applied automatically when the system asks for more contrast (styles.css).
const KEY = 'attractor-lab:theme';

export function applyThemeFromStorage() {
  let theme = null;
  try {
    theme = localStorage.getItem(KEY);
  } catch {
    theme = null;  // storage disabled: the default theme
  }
  setTheme(theme === 'contrast' ? 'contrast' : 'default', { remember: false });
}

export function setTheme(theme, { remember = true } = {}) {
  document.documentElement.dataset.theme = theme;
  const toggle = document.querySelector('[data-theme-toggle]');
  toggle?.setAttribute('aria-pressed', String(theme === 'contrast'));
  if (!remember) return;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

export function toggleTheme() {
  setTheme(document.documentElement.dataset.theme === 'contrast' ? 'default' : 'contrast');
}
