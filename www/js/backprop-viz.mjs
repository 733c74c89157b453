// backprop-viz as a JavaScript module for host pages.
//
//   import { mount } from './js/backprop-viz.mjs';
//   const viz = await mount(document.querySelector('#net'), 'exam', { panels: ['canvas', 'controls'] });
//   viz.on('edit', (e) => console.log(e.field, e.value));
//   viz.setWeight(1, 1, 0, -0.7);
//   viz.destroy();
//
// Each instance lives in a shadow root of its element, with its own copy of the style sheet, so
// neither the host's styles nor the widget's leak across. The module's only global effect is the
// <backprop-viz> custom element it defines.
import { mount as mountWidget, loadPart } from '../backprop-viz.js';
import { giveParts } from './parts.mjs';
import { loadFrom, showFailure } from './load.mjs';

const here = import.meta.url;

export { load, loadWasm, prepare, showFailure } from './load.mjs';

/**
 * The widget's style sheet, put in each instance's shadow root (found by bundlers as the wasm
 * is); `null` where the module has no address to resolve it against (a notebook loads it from a
 * blob and sends the styles as text).
 */
const styleUrl = resolved(() => new URL('../style.css', import.meta.url).href);

/** The address of the full page, where share links open (the host page's, without a base). */
const pageUrl = resolved(() => new URL('../index.html', here).href) ?? location.href.split('#')[0];

function resolved(address) {
  try { return address(); } catch { return null; }
}

/** The longest scenario text taken (the core's limit is 2,000,000 bytes). */
const MAX_TEXT_CHARS = 2_000_000;

/**
 * Refuses a scenario too large for the core (a string, or an object whose JSON would be) before
 * it is copied into WebAssembly memory, which never shrinks; anything else goes to the core,
 * which reads it or says why not.
 */
function refuseOversized(scenario) {
  let size = 0;
  if (typeof scenario === 'string') size = scenario.length;
  else if (scenario !== null && typeof scenario === 'object') {
    try { size = JSON.stringify(scenario)?.length ?? 0; } catch (error) { throw new Error(`scenario: it cannot be read as JSON (${error.message})`); }
  }
  if (size > MAX_TEXT_CHARS) throw new Error(`scenario: ${size} characters; the limit is ${MAX_TEXT_CHARS}`);
}

/**
 * Takes `linkBase` (the page share links open) out of the options, which the core reads whole
 * (and refuses what it does not know); anything but an options object goes to the core as it is.
 */
function splitLinkBase(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options) || !('linkBase' in options)) {
    return { linkBase: pageUrl, coreOptions: options };
  }
  const { linkBase, ...coreOptions } = options;
  if (typeof linkBase !== 'string' || linkBase.trim() === '') throw new TypeError('linkBase: expected the address of a page, as text');
  let url;
  try { url = new URL(linkBase, document.baseURI); } catch { throw new TypeError(`linkBase: “${linkBase.slice(0, 80)}” is not an address`); }
  url.hash = '';
  return { linkBase: url.href, coreOptions };
}

const fieldPath = {
  weight: (layer, from, to) => `weights[${layer}][${from}][${to}]`,
  bias: (layer, index) => `biases[${layer}][${index}]`,
  input: (index, sample = 0) => `samples[${sample}].x[${index}]`,
  target: (index, sample = 0) => `samples[${sample}].y[${index}]`,
};

/**
 * Mounts a widget into `element`. `scenario` is a preset name (`exam`, `xor`, `softmax`,
 * `deep_tanh`), scenario JSON text, or a scenario object. Options: `panels` (array of canvas,
 * controls, explain, editors, table), `controls` (array of the control groups shown: timeline,
 * history, quiz, options, mode, exports), `theme` (light, dark, auto), `digits` (2–8), `autoplay`,
 * `readonly`, `step`, `sample`, and for an exercise `quiz`, `ask` (array of forward, loss,
 * backward, update), `tolerance` (digits) and `exports` (offer the worked solution during the
 * quiz); `mode: 'data'` opens data-set mode and
 * `playground: { data: 'spiral', hidden: [8, 8], … }` sets it up. Resolves to a handle; rejects
 * with the validation message.
 */
export async function mount(element, scenario = 'exam', options = {}) {
  return mountWith(element, scenario, options, {});
}

/** `mount`, with the wasm's bytes and the styles' text when they come from elsewhere (a notebook). */
async function mountWith(element, scenario, options, { wasm, css, parts }) {
  if (!(element instanceof Element)) throw new TypeError('element: the first argument must be an element');
  // A detached element would never load the widget's style sheet, and the mount would never settle.
  if (!element.isConnected) throw new Error('element: it is not in the document yet; add it to the page, then mount it');
  refuseOversized(scenario);
  const { linkBase, coreOptions } = splitLinkBase(options);
  giveParts(parts);
  await loadFrom(wasm);
  // The module API's own code, the reader of scenarios and options, data-set mode's code and the
  // export tools are parts of their own, which the pages fetch when first used (or never); a
  // widget of the module API has them from the start, so that its arguments are read and its
  // methods stay synchronous (`get`, `on`; `setMode('data')`, then `train()`; `svg()`).
  await Promise.all(['api', 'read', 'data', 'tools'].map((part) => loadPart(part)));
  if (!element.isConnected) throw new Error('element: it was removed from the document while the widget loaded');
  const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  let sheet, loaded;
  if (typeof css === 'string' || styleUrl === null) {
    sheet = document.createElement('style');
    sheet.textContent = css ?? '';
    loaded = Promise.resolve();
  } else {
    sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = styleUrl;
    loaded = new Promise((ok) => { sheet.onload = ok; sheet.onerror = ok; });
  }
  const container = document.createElement('div');
  shadow.append(sheet, container);
  let widget;
  try {
    // The options object crosses as it is: the core reads it (serde-wasm-bindgen) and refuses
    // a misspelt option or a wrong type by name, with `field` and `value` on the Error.
    widget = mountWidget(container, scenario, coreOptions, linkBase);
  } catch (error) {
    shadow.replaceChildren();
    throw error instanceof Error ? error : new Error(String(error));
  }
  await loaded;
  const subscriptions = new Set();
  let alive = true;
  const check = () => { if (!alive) throw new Error('this backprop-viz instance was destroyed'); };
  // The core throws its messages as strings; hand them on as Errors.
  const call = (f) => {
    check();
    try { return f(); } catch (e) { throw e instanceof Error ? e : new Error(String(e)); }
  };
  return {
    /** Reads a number by its scenario path, e.g. `weights[1][1][0]`. */
    get(path) { return call(() => widget.get(path)); },
    /** Sets a number by its scenario path; throws the page's message on a bad value. */
    set(path, value) { call(() => widget.set(path, value)); },
    getWeight(layer, from, to) { return this.get(fieldPath.weight(layer, from, to)); },
    setWeight(layer, from, to, value) { this.set(fieldPath.weight(layer, from, to), value); },
    getBias(layer, index) { return this.get(fieldPath.bias(layer, index)); },
    setBias(layer, index, value) { this.set(fieldPath.bias(layer, index), value); },
    getInput(index, sample = 0) { return this.get(fieldPath.input(index, sample)); },
    setInput(index, value, sample = 0) { this.set(fieldPath.input(index, sample), value); },
    getTarget(index, sample = 0) { return this.get(fieldPath.target(index, sample)); },
    setTarget(index, value, sample = 0) { this.set(fieldPath.target(index, sample), value); },
    /** All weights, `weights[l][i][j]`. */
    weights() { return this.scenario().weights; },
    step() { call(() => widget.stepForward()); },
    back() { call(() => widget.stepBack()); },
    seek(position) { call(() => widget.seek(position)); },
    position() { check(); const [at, of] = widget.position(); return { at, of }; },
    play() { call(() => widget.play()); },
    pause() { call(() => widget.pause()); },
    reset() { call(() => widget.reset()); },
    applyStep() { call(() => widget.applyStep()); },
    undo() { call(() => widget.undo()); },
    redo() { call(() => widget.redo()); },
    load(next) {
      check();
      refuseOversized(next);
      call(() => widget.load(next));
    },
    /** The scenario with edits, as an object (the core writes it, through serde-wasm-bindgen). */
    scenario() { return call(() => widget.scenario()); },
    scenarioJson() { return call(() => widget.scenarioJson()); },
    svg() { return call(() => widget.svg()); },
    png() { return call(() => widget.pngDataUrl()); },
    markdown() { return call(() => widget.workedSolution('markdown')); },
    latex() { return call(() => widget.workedSolution('latex')); },
    latexFragment() { return call(() => widget.workedSolution('latex-fragment')); },
    link() { check(); return `${linkBase}#${widget.shareHash()}`; },
    /** `'sample'` (the one-sample view) or `'data'` (training on a data set). */
    mode() { check(); return widget.mode(); },
    setMode(mode) { call(() => widget.setMode(mode)); },
    /** Data-set mode: trains on `samples` more samples at once; returns the epochs trained. */
    train(samples) { return call(() => widget.train(samples)); },
    /** Data-set mode: starts or pauses training (one epoch a frame); returns whether it runs. */
    toggleTraining() { return call(() => widget.toggleTraining()); },
    /** Data-set mode: shows a point's forward and backward pass (`test` picks the test set). */
    pickPoint(index, test = false) { return call(() => widget.pickPoint(index, test)); },
    /** Data-set mode: settings, hand-made points, weights, progress and picked point. */
    playground() { return call(() => widget.playground()); },
    /** Subscribes to `edit`, `step`, `quiz` or `update`; returns a function that unsubscribes. */
    on(event, callback) {
      check();
      if (typeof callback !== 'function') throw new Error('callback: expected a function');
      const id = call(() => widget.on(event, (detail) => callback(detail)));
      subscriptions.add(id);
      return () => { if (alive && subscriptions.delete(id)) widget.off(id); };
    },
    /** Removes the widget, its listeners and frames; the handle stops working. */
    destroy() {
      if (!alive) return;
      alive = false;
      widget.destroy();
      // Called from an event subscriber, the widget is still in use until the subscriber
      // returns: free its memory after that.
      queueMicrotask(() => widget.free());
      // Only this mount's own nodes: a newer mount into the same element keeps its own.
      sheet.remove();
      container.remove();
    },
    get destroyed() { return !alive; },
    /** For tests and diagnostics. */
    listenerCount() { return alive ? widget.listenerCount() : 0; },
  };
}

/** `<backprop-viz preset="exam">`, or `scenario='{…}'`, with optional `panels`, `controls`, `theme`, `digits`, `readonly`, `autoplay`, `quiz`, `ask`, `tolerance`, `mode="data"` and `playground='{"data": "spiral"}'`. */
class BackpropVizElement extends HTMLElement {
  static get observedAttributes() { return ['preset', 'scenario', 'panels', 'controls', 'theme', 'digits', 'readonly', 'autoplay', 'quiz', 'ask', 'tolerance', 'exports', 'mode', 'playground']; }

  /** Counts the changes: a mount that finishes after a newer change was made is thrown away. */
  #generation = 0;
  #scheduled = false;

  connectedCallback() { this.#schedule(); }

  disconnectedCallback() {
    this.#generation += 1;
    this.handle?.destroy();
    this.handle = null;
  }

  attributeChangedCallback() { if (this.isConnected) this.#schedule(); }

  /** Attribute changes made together (a framework sets them one by one) make one mount, of the last values. */
  #schedule() {
    this.#generation += 1;
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#remount();
    });
  }

  /** A numeric attribute as a number (`undefined` when absent; text that is no number stays
   * text, so that the core's message quotes it). */
  #number(name) {
    const text = this.getAttribute(name);
    if (text === null) return undefined;
    const value = Number(text);
    return text.trim() !== '' && Number.isFinite(value) ? value : text;
  }

  async #remount() {
    const generation = this.#generation;
    this.handle?.destroy();
    this.handle = null;
    const options = {
      panels: this.getAttribute('panels')?.split(',').map((p) => p.trim()).filter(Boolean),
      controls: this.getAttribute('controls')?.split(',').map((p) => p.trim()).filter(Boolean),
      exports: this.hasAttribute('exports'),
      theme: this.getAttribute('theme') ?? undefined,
      digits: this.#number('digits'),
      readonly: this.hasAttribute('readonly'),
      autoplay: this.hasAttribute('autoplay'),
      quiz: this.hasAttribute('quiz'),
      ask: this.getAttribute('ask')?.split(',').map((p) => p.trim()).filter(Boolean),
      tolerance: this.#number('tolerance'),
      mode: this.getAttribute('mode') ?? undefined,
    };
    try {
      if (this.hasAttribute('playground')) {
        try {
          options.playground = JSON.parse(this.getAttribute('playground'));
        } catch (error) {
          throw new Error(`playground: the attribute is not JSON (${error.message})`);
        }
      }
      const handle = await mount(this, this.getAttribute('scenario') ?? this.getAttribute('preset') ?? 'exam', options);
      if (generation !== this.#generation || !this.isConnected) { handle.destroy(); return; }
      this.handle = handle;
      // The handle's events, as DOM events a page can listen for on the element.
      for (const name of ['edit', 'step', 'quiz', 'update']) {
        handle.on(name, (detail) => this.dispatchEvent(new CustomEvent(`bpv-${name}`, { detail, bubbles: true, composed: true })));
      }
      this.dispatchEvent(new CustomEvent('ready', { detail: handle }));
    } catch (error) {
      // A change made since supersedes this one: its message would describe a replaced value.
      if (generation !== this.#generation) return;
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      const message = document.createElement('p');
      message.setAttribute('role', 'alert');
      message.textContent = `backprop-viz: ${error.message}`;
      shadow.replaceChildren(message);
      this.handle = null;
    }
  }
}

/** The attributes that are switches (present or not); the others carry text. */
const switchAttributes = ['readonly', 'autoplay', 'quiz', 'exports'];
/** The attributes that are comma lists, and those that are JSON. */
const listAttributes = ['panels', 'controls', 'ask'];
const jsonAttributes = ['scenario', 'playground'];

// Each attribute is also a property, as in built-in elements: `el.preset = 'xor'` sets the
// attribute (and so remounts), `el.readonly = true` adds it, `el.panels = ['canvas']` writes the
// list, `el.scenario = {…}` the JSON. A value of the wrong type is refused, naming the property.
for (const name of BackpropVizElement.observedAttributes) {
  const property = switchAttributes.includes(name) ? {
    get() { return this.hasAttribute(name); },
    set(value) {
      if (typeof value !== 'boolean') throw new TypeError(`${name}: expected true or false, not ${typeof value}`);
      this.toggleAttribute(name, value);
    },
  } : {
    get() { return this.getAttribute(name); },
    set(value) {
      if (value === null || value === undefined) { this.removeAttribute(name); return; }
      let text;
      if (typeof value === 'string') text = value;
      else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
      else if (Array.isArray(value) && listAttributes.includes(name) && value.every((v) => typeof v === 'string')) text = value.join(',');
      else if (typeof value === 'object' && jsonAttributes.includes(name)) text = JSON.stringify(value);
      else throw new TypeError(`${name}: expected ${listAttributes.includes(name) ? 'a list of names' : jsonAttributes.includes(name) ? 'JSON text or an object' : 'text'}, not ${Array.isArray(value) ? 'this array' : typeof value}`);
      this.setAttribute(name, text);
    },
  };
  Object.defineProperty(BackpropVizElement.prototype, name, { ...property, configurable: true, enumerable: true });
}

if (!customElements.get('backprop-viz')) customElements.define('backprop-viz', BackpropVizElement);

/** A trait's value as a mount option (`undefined` when the notebook left it unset). */
const given = (value) => (value === null ? undefined : value);

/**
 * The anywidget front end (a notebook's `BackpropViz`, or a Jupyter Book / MyST `{anywidget}`
 * directive): mounts into `el` the model's `scenario` (a preset name or a scenario object) with
 * its `panels` and `quiz`, and keeps the model's `scenario`, `weights` and `step` and the page in
 * step both ways. A notebook sends the wasm's bytes (`_wasm`, its parts' in `_parts`) and the styles (`_style`); a page
 * that loads this module from an address needs neither. Returns the cleanup anywidget calls.
 */
async function render({ model, el }) {
  // The bytes arrive as a view on the message's buffer: copied into an ArrayBuffer of their own,
  // which WebAssembly compiles from.
  const copy = (view) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice().buffer;
  const bytes = model.get('_wasm');
  const wasm = bytes ? copy(bytes) : undefined;
  const parts = Object.fromEntries(Object.entries(model.get('_parts') ?? {}).map(([name, view]) => [name, copy(view)]));
  const css = model.get('_style') ?? undefined;
  // A notebook hands over the output's element before it puts it in the page.
  while (!el.isConnected) await new Promise((ok) => requestAnimationFrame(ok));
  let viz;
  try {
    viz = await mountWith(el, given(model.get('scenario')) ?? 'exam', {
      panels: given(model.get('panels')),
      quiz: given(model.get('quiz')),
      theme: given(model.get('theme')),
    }, { wasm, css, parts });
  } catch (error) {
    showFailure(el, error);
    return () => {};
  }
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  // Quiet while the page writes the model (the change events that raises are its own) and while
  // a change from the kernel is applied (its edits are published once, at the end).
  let quiet = false;
  const publish = () => {
    if (quiet) return;
    quiet = true;
    try {
      model.set('scenario', viz.scenario());
      model.set('weights', viz.weights());
      model.set('step', Math.floor(viz.position().at));
      model.save_changes();
    } finally { quiet = false; }
  };
  const unsubscribe = ['edit', 'update', 'step'].map((event) => viz.on(event, publish));
  const fromKernel = {
    'change:scenario': () => {
      // The page publishes objects: a name came from the kernel, and so did another object.
      const next = model.get('scenario');
      if (typeof next === 'string' || !same(next, viz.scenario())) {
        try { viz.load(next); } catch (error) { showMessage(el, error); }
      }
    },
    'change:weights': () => {
      const next = model.get('weights');
      const now = viz.weights();
      try {
        next.forEach((layer, l) => layer.forEach((row, i) => row.forEach((w, j) => {
          if (now[l]?.[i]?.[j] !== w) viz.setWeight(l, i, j, w);
        })));
      } catch (error) { showMessage(el, error); }
    },
    'change:step': () => {
      const at = model.get('step');
      if (at !== Math.floor(viz.position().at)) {
        try { viz.seek(at); } catch (error) { showMessage(el, error); }
      }
    },
  };
  for (const [event, apply] of Object.entries(fromKernel)) {
    fromKernel[event] = () => {
      if (quiet) return;
      quiet = true;
      try { apply(); } finally { quiet = false; }
      publish();
    };
    model.on(event, fromKernel[event]);
  }
  publish();
  return () => {
    for (const [event, f] of Object.entries(fromKernel)) model.off(event, f);
    unsubscribe.forEach((off) => off());
    viz.destroy();
  };
}

/** A refused change from the kernel, said above the widget (which keeps its last good state). */
function showMessage(el, error) {
  let line = el.querySelector(':scope > .bpv-kernel-message');
  if (!line) {
    line = document.createElement('p');
    line.className = 'bpv-kernel-message';
    line.setAttribute('role', 'alert');
    el.prepend(line);
  }
  line.textContent = `backprop-viz: ${error?.message ?? error}`;
}

export default { render };
