// A SCORM 1.2 SCO (the launch page scripts/package.sh writes into the SCORM package): the quiz it
// was set up with (its `bpv-link` meta), reporting the score to the learning platform. It finds
// the platform's `API` object up the parent windows, then the opener's; it calls LMSInitialize,
// reports cmi.core.score.raw / min / max (per cent) and cmi.core.lesson_status (passed or failed
// against the `bpv-pass` meta once every question is finished, incomplete if left before), and
// commits and finishes on leaving. Outside a platform it is the same quiz, and says that no
// score is recorded.
import { mountLink, loadPart } from '../backprop-viz.js';
import { prepare } from './load.mjs';
import { partsReady } from './open-link.mjs';
import { prefetchLinkParts, prefetchParts } from './parts.mjs';

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';
const link = meta('bpv-link');
const pass = Number(meta('bpv-pass'));
const host = document.getElementById('app');
const status = document.getElementById('scorm-status');

/** The SCORM 1.2 API object in `win` or a window above it (at most 7 levels), else null. */
function apiAbove(win) {
  for (let w = win, depth = 0; w && depth <= 7; depth += 1) {
    try {
      if (w.API && typeof w.API.LMSInitialize === 'function') return w.API;
    } catch { /* a window of another origin: look further up */ }
    if (!w.parent || w.parent === w) break;
    w = w.parent;
  }
  return null;
}

const api = apiAbove(window) ?? (window.opener ? apiAbove(window.opener) : null);
const started = Date.now();
let finished = false;
let closed = false;

/** Elapsed time as SCORM 1.2's CMITimespan, `HHHH:MM:SS`. */
function timespan(ms) {
  const s = Math.floor(ms / 1000);
  const pad = (n, w) => String(n).padStart(w, '0');
  return `${pad(Math.floor(s / 3600), 4)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}`;
}

function set(element, value) {
  if (api && api.LMSSetValue(element, value) !== 'true') {
    console.warn(`backprop-viz: the platform refused ${element} = ${value} (error ${api.LMSGetLastError()})`);
  }
}

if (api) {
  api.LMSInitialize('');
  set('cmi.core.score.min', '0');
  set('cmi.core.score.max', '100');
  if (['not attempted', ''].includes(api.LMSGetValue('cmi.core.lesson_status'))) set('cmi.core.lesson_status', 'incomplete');
  api.LMSCommit('');
  status.textContent = `Your score is recorded; ${pass} % passes.`;
} else {
  status.textContent = 'No learning platform was found: the quiz works, but no score is recorded.';
}

function leave() {
  if (closed || !api) return;
  closed = true;
  if (!finished) {
    set('cmi.core.lesson_status', 'incomplete');
    set('cmi.core.exit', 'suspend');
  } else {
    set('cmi.core.exit', '');
  }
  set('cmi.core.session_time', timespan(Date.now() - started));
  api.LMSCommit('');
  api.LMSFinish('');
}
addEventListener('pagehide', leave);
addEventListener('beforeunload', leave);

// `on` is the module API's, a part of its own; a teacher's own question (`--scenario`, the
// scenario in the link) needs the reader. The "Loading…" line stays until they are here; they
// start downloading beside the first module, not after it.
prefetchParts(['api']);
prefetchLinkParts(`#${link}`);
await prepare(host, () => Promise.all([loadPart('api'), partsReady(`#${link}`)]));
const widget = mountLink(host, `#${link}`);
widget.on('quiz', (detail) => {
  if (!api || closed) return;
  const raw = detail.questions > 0 ? Math.round((10000 * detail.right) / detail.questions) / 100 : 0;
  set('cmi.core.score.raw', String(raw));
  if (detail.finished) {
    finished = true;
    set('cmi.core.lesson_status', raw >= pass ? 'passed' : 'failed');
  } else if (finished) {
    // Restarted after finishing: a new attempt.
    finished = false;
    set('cmi.core.lesson_status', 'incomplete');
  }
  api.LMSCommit('');
});
