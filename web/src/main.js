// Entry point of the site: starts the shell and wires the header's theme switch.
import { startApp } from './app/app.js';
import { toggleTheme } from './app/theme.js';
import { pageModule } from './lab/page-module.js';

// The page's preloaded WebAssembly module is compiled from the start, while the page is built.
pageModule();
document.querySelector('[data-theme-toggle]')?.addEventListener('click', toggleTheme);
startApp(document.getElementById('main'));
