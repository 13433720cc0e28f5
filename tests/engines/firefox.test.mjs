// The Firefox smoke tier (Debian's firefox-esr over WebDriver BiDi): see smoke.mjs.
import { smokeTests } from './smoke.mjs';

smokeTests('firefox');
