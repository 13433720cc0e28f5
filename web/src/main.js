// Entry point of the site: starts the shell and wires the header's theme switch.
import { startApp } from './app/app.js';
import { toggleTheme } from './app/theme.js';

document.querySelector('[data-theme-toggle]')?.addEventListener('click', toggleTheme);
startApp(document.getElementById('main'));
