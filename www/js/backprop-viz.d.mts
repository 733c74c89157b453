// Types of backprop-viz's module API (backprop-viz.mjs): `mount`, the handle it resolves to,
// its events, the scenario format and the <backprop-viz> element. Kept true by
// tests/types/ (a file that uses every method type-checks under `tsc --strict`; a file of wrong
// calls must not).

/** A built-in scenario. */
export type Preset = 'exam' | 'xor' | 'softmax' | 'deep_tanh';

/** An activation, as the scenario format names it (`softmax` only on the output layer). */
export type Activation =
  | 'linear' | 'relu' | 'leaky_relu' | 'sigmoid' | 'tanh' | 'softmax'
  | 'elu' | 'gelu' | 'gelu_tanh' | 'silu' | 'softplus';

/** A loss: `bce` needs a sigmoid output, `cross_entropy` a softmax one. */
export type Loss = 'bce' | 'cross_entropy' | 'mse' | 'half_sse';

/** The optimiser, PyTorch's rules; every hyper-parameter is optional with PyTorch's default. */
export type Optimizer =
  | { kind: 'sgd' }
  | { kind: 'momentum'; momentum?: number }
  | { kind: 'nesterov'; momentum?: number }
  | { kind: 'rmsprop'; alpha?: number; epsilon?: number }
  | { kind: 'adam'; beta1?: number; beta2?: number; epsilon?: number };

/** Weights `[layer][from][to]` and biases `[layer][neuron]`. */
export interface Params {
  weights: number[][][];
  biases: number[][];
}

/** An optimiser's state after `step` steps, each moment shaped like the parameters. */
export interface OptimizerState {
  step: number;
  velocity?: Params;
  first_moment?: Params;
  second_moment?: Params;
}

/** A phase of the timeline, as a quiz asks it. */
export type Phase = 'forward' | 'loss' | 'backward' | 'update';

/** One training sample. */
export interface Sample {
  x: number[];
  y: number[];
}

/** The scenario format, version 1 (README, "The scenario format"). */
export interface Scenario {
  version: 1;
  title?: string;
  description?: string;
  layers: number[];
  activations: Activation[];
  loss: Loss;
  learning_rate: number;
  optimizer?: Optimizer;
  optimizer_state?: OptimizerState;
  weights: number[][][];
  biases: number[][];
  samples: Sample[];
  freeze_biases?: boolean;
  quiz?: { ask?: Phase[]; tolerance?: number };
}

/** A panel of the widget. */
export type Panel = 'canvas' | 'controls' | 'explain' | 'editors' | 'table';

/** A group of the widget's controls. */
export type Control = 'timeline' | 'history' | 'quiz' | 'options' | 'mode' | 'exports';

/** Data-set mode's set-up: any subset, the rest keep their defaults. */
export interface PlaygroundSettings {
  problem?: 'binary' | 'classes' | 'regression';
  data?: 'circle' | 'xor' | 'gaussians' | 'spiral' | 'blobs' | 'plane' | 'gaussian_mixture';
  points?: number;
  noise?: number;
  test_share?: number;
  seed?: number;
  hidden?: number[];
  activations?: Activation[];
  output?: Activation;
  loss?: Loss;
  learning_rate?: number;
  batch?: number;
  regularization?: 'none' | 'l1' | 'l2';
  regularization_rate?: number;
  init?: 'uniform' | 'xavier' | 'he' | 'zeros';
  features?: Array<'x1' | 'x2' | 'x1_squared' | 'x2_squared' | 'x1_x2' | 'sin_x1' | 'sin_x2'>;
  optimizer?: Optimizer;
  epochs_per_frame?: number;
}

/** What `mount` takes besides the scenario. */
export interface MountOptions {
  panels?: Panel[];
  controls?: Control[];
  theme?: 'light' | 'dark' | 'auto';
  /** Significant digits shown, 2 to 8. */
  digits?: number;
  autoplay?: boolean;
  readonly?: boolean;
  /** Timeline position to open at (0: before the forward pass). */
  step?: number;
  /** Which sample to show, from 0. */
  sample?: number;
  quiz?: boolean;
  ask?: Phase[];
  /** Significant digits answers are checked to, 2 to 8. */
  tolerance?: number;
  /** Offer the worked solution's exports during a quiz. */
  exports?: boolean;
  /** A quiz per student: each name or number gets its own variant. */
  variants?: boolean;
  mode?: 'sample' | 'data';
  playground?: PlaygroundSettings;
  /**
   * The page share links open (`link()`, the Link export): an address, resolved against the
   * page's. Default: backprop-viz's own `index.html` beside the module; a bundled app sets it
   * to a page that opens links (the hosted site, or one of its own that calls `mountLink`).
   */
  linkBase?: string;
}

/** The events a handle delivers, by name, with their detail objects. */
export interface EventDetails {
  /** A field was set: its scenario path (`weights[1][1][0]`) and new value. */
  edit: { field: string; value: number };
  /** The timeline reached another step (`null`: before the first). */
  step: { index: number | null; kind: string | null };
  /** A quiz started or finished a question: right at the first try, finished, asked in all. */
  quiz: { right: number; done: number; questions: number; finished: boolean };
  /** A step was committed: the loss before and after it. */
  update: { lossBefore: number; lossAfter: number };
}

/** A mounted widget. Every method throws an `Error` naming the argument on a wrong value, and
 * after `destroy()`. */
export interface Handle {
  /** A number by its scenario path, `weights[1][1][0]`, `learning_rate`, `optimizer.beta1`. */
  get(path: string): number;
  set(path: string, value: number): void;
  getWeight(layer: number, from: number, to: number): number;
  setWeight(layer: number, from: number, to: number, value: number): void;
  getBias(layer: number, index: number): number;
  setBias(layer: number, index: number, value: number): void;
  getInput(index: number, sample?: number): number;
  setInput(index: number, value: number, sample?: number): void;
  getTarget(index: number, sample?: number): number;
  setTarget(index: number, value: number, sample?: number): void;
  weights(): number[][][];
  step(): void;
  back(): void;
  seek(position: number): void;
  position(): { at: number; of: number };
  play(): void;
  pause(): void;
  reset(): void;
  applyStep(): void;
  undo(): void;
  redo(): void;
  load(scenario: Scenario | string): void;
  scenario(): Scenario;
  scenarioJson(): string;
  svg(): string;
  png(): string;
  markdown(): string;
  latex(): string;
  latexFragment(): string;
  link(): string;
  mode(): 'sample' | 'data';
  setMode(mode: 'sample' | 'data'): void;
  /** Data-set mode: trains on `samples` more samples; returns the epochs trained. */
  train(samples: number): number;
  toggleTraining(): boolean;
  pickPoint(index: number, test?: boolean): boolean;
  playground(): {
    settings: PlaygroundSettings;
    custom?: Array<[number, number, number]>;
    params?: Params;
    seen: number;
    pick?: { test: boolean; index: number };
    optimizer_state?: OptimizerState;
  };
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends keyof EventDetails>(event: E, callback: (detail: EventDetails[E]) => void): () => void;
  destroy(): void;
  readonly destroyed: boolean;
  listenerCount(): number;
}

/** Mounts a widget into `element` (in the document): a preset, scenario JSON text or a scenario. */
export function mount(
  element: Element,
  scenario?: Preset | Scenario | string,
  options?: MountOptions,
): Promise<Handle>;

/** The traits a notebook's `BackpropViz` (or a MyST `{anywidget}` directive's JSON) holds. */
export interface WidgetTraits {
  /** A preset name or scenario object from the kernel; the page writes back the edited object. */
  scenario: Preset | Scenario | string;
  weights: number[][][];
  /** The timeline position (0: before the forward pass). */
  step: number;
  panels: Panel[] | null;
  quiz: boolean;
  theme: 'light' | 'dark' | 'auto' | null;
  /** The wasm's bytes (a notebook sends them; a page that loads the module from an address need not). */
  _wasm: DataView | null;
  /** The widget's styles as text (likewise). */
  _style: string | null;
}

/** The part of anywidget's model the front end uses. */
export interface AnyModel {
  get<K extends keyof WidgetTraits>(name: K): WidgetTraits[K] | undefined;
  set<K extends keyof WidgetTraits>(name: K, value: WidgetTraits[K]): void;
  on(event: `change:${keyof WidgetTraits & string}`, callback: () => void): void;
  off(event: `change:${keyof WidgetTraits & string}`, callback: () => void): void;
  save_changes(): void;
}

/** anywidget's front end (the module's default export): `render` mounts into `el` and returns the cleanup. */
declare const widget: {
  render(context: { model: AnyModel; el: HTMLElement }): Promise<() => void>;
};
export default widget;

/** Loads the WebAssembly core once (mount does it itself). */
export function load(): Promise<unknown>;

/**
 * Loads the WebAssembly core from its bytes, for a page that carries them itself; `parts` holds
 * the bytes of the parts that load when first needed, by file name without `.wasm`
 * (`{ split_check: …, split_data: … }`, from `split_check.wasm` and the like).
 */
export function loadWasm(
  bytes: ArrayBuffer | ArrayBufferView,
  parts?: Record<string, ArrayBuffer | ArrayBufferView>,
): Promise<unknown>;

/**
 * Loads the core for a page's widget in `host`, awaits `ready()` (what the widget needs besides,
 * such as a part of the code), then empties `host`; on failure says why there and throws.
 */
export function prepare(host: Element, ready?: () => Promise<unknown>): Promise<void>;

/** Shows why the widget could not start, in `host`. */
export function showFailure(host: Element, error: unknown): void;

/** `<backprop-viz preset="exam" panels="canvas,table">`: each attribute is also a property
 * (setting one remounts the widget); `ready` fires with the handle, and `bpv-edit`,
 * `bpv-step`, `bpv-quiz`, `bpv-update` with the handle's events' details. */
export interface BackpropVizElement extends HTMLElement {
  /** The widget, once mounted (`null` before, or after an error). */
  handle: Handle | null;
  preset: Preset | string | null;
  scenario: string | Scenario | null;
  panels: string | Panel[] | null;
  controls: string | Control[] | null;
  theme: 'light' | 'dark' | 'auto' | string | null;
  digits: string | number | null;
  ask: string | Phase[] | null;
  tolerance: string | number | null;
  mode: 'sample' | 'data' | string | null;
  playground: string | PlaygroundSettings | null;
  readonly: boolean;
  autoplay: boolean;
  quiz: boolean;
  exports: boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'backprop-viz': BackpropVizElement;
  }
  interface HTMLElementEventMap {
    'bpv-edit': CustomEvent<EventDetails['edit']>;
    'bpv-step': CustomEvent<EventDetails['step']>;
    'bpv-quiz': CustomEvent<EventDetails['quiz']>;
    'bpv-update': CustomEvent<EventDetails['update']>;
  }
}
