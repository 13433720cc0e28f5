// The WebKit smoke tier (WebKitGTK's MiniBrowser over WebKitWebDriver, under xvfb-run): see
// smoke.mjs.
import { smokeTests } from './smoke.mjs';

smokeTests('webkit');
