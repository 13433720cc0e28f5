// Entry point of the site's pages: defines the widgets' custom elements.
import './widgets/line-attractor/element.js';
