// A relative import resolves against this module's own URL, so format.js must sit beside it on the CDN.
import { format } from './format.js';

window.moduleResult = format('modules', 2);
document.getElementById('module-result').textContent = window.moduleResult;
