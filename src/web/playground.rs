//! The data-set mode ("playground") in the widget: its state and what its actions do. The
//! training itself, the picked point's scenario and the heatmap colours are pure Rust in
//! [`crate::playground`]; the panel's elements are built in `play_dom`, drawn in `play_draw`,
//! and wired in `play_events`. The network view below the panel is the one-sample view,
//! showing the picked point.

use web_sys::HtmlCanvasElement;

use super::app::{clock, App};
use super::dom::{set_attr, set_text, text_el};
use super::play_dom::from_serde_name;
use super::play_draw::from_plot;
use crate::edit::History;
use crate::explain::number::number_text;
use crate::nn::data::{DataKind, EXTENT};
use crate::nn::train::Feature;
use crate::nn::Activation;
use crate::playground::{Pick, Playground, Problem, Saved, Settings};
use crate::scenario::Scenario;

/// The playground's state inside the widget.
pub struct PlayState {
    /// The training state, made on first entering data-set mode.
    pub pg: Option<Playground>,
    /// Training runs each frame.
    pub playing: bool,
    /// Training was paused because the widget went out of view.
    pub resume: bool,
    /// The number boxes and the table have not followed training yet.
    pub behind: bool,
    /// While training a large network: this frame draws the network view (not the maps).
    pub turn: bool,
    /// While training a large network, on the maps' turn: the new thumbnails wait for the
    /// network view's turn (next frame) instead of redrawing it now.
    pub hold_network: bool,
    /// Every non-input neuron's grid, and its side.
    pub grids: Vec<Vec<f32>>,
    /// The side of `grids`.
    pub side: usize,
    /// The grids are out of date.
    pub grids_stale: bool,
    /// The panel needs drawing.
    pub dirty: bool,
    /// The set-up controls need rebuilding.
    pub setup_stale: bool,
    /// Offscreen canvases: the decision map first, then one per non-input neuron.
    pub images: Vec<HtmlCanvasElement>,
    /// The one-sample mode's state while in data-set mode: history, original, preset, sample.
    pub sample_mode: Option<(History, Scenario, Option<String>, usize)>,
    /// Milliseconds of the last training frame: training, grids, drawing.
    pub ms: [f64; 3],
    /// The plot's side and the chart's size in CSS pixels, read at the start of a frame.
    pub plot_side: f64,
    /// The chart's width and height.
    pub chart_size: (f64, f64),
    /// Pixel buffer reused for the heatmaps.
    pub(super) pixels: Vec<u8>,
    /// The plot's grid lines and data points, drawn once (an offscreen canvas), and what they
    /// were drawn for: redrawn only when the data, the size or the theme changes, so that a
    /// training frame draws the plot with two images instead of hundreds of shapes.
    pub(super) points_layer: Option<HtmlCanvasElement>,
    pub(super) points_key: std::cell::Cell<u64>,
}

impl PlayState {
    /// Nothing trained yet.
    pub fn new() -> PlayState {
        PlayState {
            pg: None,
            playing: false,
            resume: false,
            behind: false,
            turn: false,
            hold_network: false,
            grids: Vec::new(),
            side: 0,
            grids_stale: true,
            dirty: true,
            setup_stale: true,
            images: Vec::new(),
            sample_mode: None,
            ms: [0.0; 3],
            plot_side: 300.0,
            chart_size: (300.0, 90.0),
            pixels: Vec::new(),
            points_layer: None,
            points_key: std::cell::Cell::new(0),
        }
    }
}

impl App {
    /// Whether the widget is in data-set mode.
    pub fn data_mode(&self) -> bool {
        self.play.sample_mode.is_some()
    }

    /// Switches to data-set mode (making a playground from `saved`, or the defaults, the first
    /// time). The one-sample state is kept for the way back.
    pub fn enter_data_mode(&mut self, saved: Option<Saved>) -> Result<(), String> {
        if let Some(saved) = saved {
            let pg = Playground::restore(saved).map_err(|e| format!("playground {e}"))?;
            self.play.pg = Some(pg);
        }
        if self.play.pg.is_none() {
            self.play.pg = Playground::new(Settings::default(), None).ok();
        }
        if !self.data_mode() {
            self.timeline.pause();
            self.play.sample_mode = Some((
                self.history.clone(),
                self.original.clone(),
                self.preset.clone(),
                self.sample,
            ));
        }
        self.quiz = None;
        self.play.setup_stale = true;
        self.show_point(true);
        Ok(())
    }

    /// Back to the one-sample view as it was left.
    pub fn leave_data_mode(&mut self) {
        let Some((history, original, preset, sample)) = self.play.sample_mode.take() else {
            return;
        };
        self.play.playing = false;
        self.history = history;
        self.original = original;
        self.preset = preset;
        self.sample = sample;
        self.scenario = self.history.current().clone();
        self.dirty.structure = true;
        self.selected = None;
        self.focused = None;
        self.hovered = None;
        self.recompute();
        self.timeline.seek(self.timeline.len() as f64);
        self.refresh();
    }

    /// Shows the picked point in the network view: a fresh history when `fresh` (a new point
    /// or network), otherwise the training's progress replaces the current entry.
    pub fn show_point(&mut self, fresh: bool) {
        let Some(pg) = &self.play.pg else { return };
        let scenario = pg.scenario_for(pg.pick);
        let shape_changed = scenario.layers != self.scenario.layers;
        if fresh {
            self.history = History::new(scenario.clone());
            self.original = scenario.clone();
            self.preset = None;
        } else {
            self.history.replace(scenario.clone());
        }
        self.scenario = scenario;
        self.sample = 0;
        if shape_changed || fresh {
            self.dirty.structure = true;
            self.selected = None;
            self.focused = None;
            self.hovered = None;
        }
        self.play.grids_stale = true;
        self.play.dirty = true;
        self.recompute();
        if shape_changed {
            self.ensure_trace();
            self.timeline.seek(self.timeline.len() as f64);
        }
    }

    /// After an edit, undo or SGD step in the network view: the playground takes the weights.
    pub fn pull_params(&mut self) {
        if !self.data_mode() {
            return;
        }
        let params = self.scenario.params();
        let lr = self.scenario.learning_rate;
        if let Some(pg) = self.play.pg.as_mut() {
            if pg.set_params(&params).is_ok() {
                let mut s = pg.settings().clone();
                if s.learning_rate != lr {
                    s.learning_rate = lr;
                    if pg.change(s).is_ok() {
                        self.play.setup_stale = true;
                    }
                }
                pg.record();
                self.play.grids_stale = true;
                self.play.dirty = true;
            }
        }
    }

    /// Starts or pauses training.
    pub fn toggle_training(&mut self) {
        if self.play.playing {
            self.play.playing = false;
            self.play.hold_network = false;
            // Whatever the last frame skipped (see `training_frame`), draw it all now, the maps
            // at full resolution.
            self.play.grids_stale = true;
            self.dirty.canvas = true;
        } else if self
            .play
            .pg
            .as_ref()
            .is_some_and(|p| p.diverged().is_none())
        {
            self.play.playing = true;
            self.timeline.pause();
            self.timeline.seek(self.timeline.len() as f64);
            self.history.push(self.scenario.clone());
        }
        self.play.dirty = true;
        self.request_frame();
    }

    /// One batch or the rest of the epoch, as a button press.
    pub fn train_once(&mut self, epoch: bool) {
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let result = if epoch {
            pg.step_epoch()
        } else {
            pg.step_batch()
        };
        pg.record();
        self.history.push(self.scenario.clone());
        if result.is_err() {
            self.play.playing = false;
        }
        self.show_point(false);
    }

    /// Trains `samples` samples at once (the API and the benchmark), then shows the result.
    pub fn train_samples(&mut self, samples: usize) -> Result<(), String> {
        let pg = self.play.pg.as_mut().ok_or("not in data-set mode")?;
        let result = pg.train_samples(samples);
        pg.record();
        self.show_point(false);
        result.map_err(|d| format!("training diverged at {}", d.path))
    }

    /// Starts again from the seed's weights.
    pub fn reset_training(&mut self) {
        self.play.playing = false;
        if let Some(pg) = self.play.pg.as_mut() {
            pg.reset();
        }
        self.show_point(true);
    }

    /// One training frame: an epoch, the losses, then the network view follows.
    pub fn training_frame(&mut self) {
        let started = clock();
        let Some(pg) = self.play.pg.as_mut() else {
            self.play.playing = false;
            return;
        };
        let result = pg.step_epoch();
        pg.record();
        if result.is_err() {
            self.play.playing = false;
        }
        self.play.ms[0] = clock() - started;
        let large = super::play_draw::large_network(pg);
        self.show_point(false);
        // A large network takes turns: the maps on one frame, the network view on the next, so
        // that each frame stays short (the loss, the chart and the status follow every frame).
        self.play.hold_network = false;
        if large && self.play.playing {
            self.play.turn = !self.play.turn;
            if self.play.turn {
                self.play.grids_stale = false;
            } else {
                self.dirty.canvas = false;
                self.play.hold_network = true;
            }
        }
    }

    /// Applies one set-up control's new value; bad values are refused with the field's name.
    pub fn apply_setting(&mut self, name: &str, value: &str, checked: bool) {
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let mut s = pg.settings().clone();
        let number = value.trim().parse::<f64>();
        let bad = |what: &str| {
            Err(format!(
                "{what}: “{}” is not a valid value",
                value.chars().take(20).collect::<String>()
            ))
        };
        let outcome: Result<(), String> = match name {
            "problem" => match Problem::ALL.iter().find(|p| p.name() == value) {
                Some(p) => {
                    s.set_problem(*p);
                    Ok(())
                }
                None => bad("problem"),
            },
            "data" => from_serde_name::<DataKind>(value)
                .map(|k| s.data = k)
                .ok_or(())
                .or_else(|_| bad("data")),
            "points" => value
                .parse()
                .map(|n| s.points = n)
                .or_else(|_| bad("points")),
            "noise" => number
                .map(|v| s.noise = v / 100.0)
                .or_else(|_| bad("noise")),
            "test" => number
                .map(|v| s.test_share = v / 100.0)
                .or_else(|_| bad("test share")),
            "seed" => value
                .trim()
                .parse()
                .map(|v| s.seed = v)
                .or_else(|_| bad("seed")),
            "learning_rate" => number
                .map(|v| s.learning_rate = v)
                .or_else(|_| bad("learning rate")),
            "batch" => value
                .trim()
                .parse()
                .map(|v| s.batch = v)
                .or_else(|_| bad("batch")),
            "regularization" => from_serde_name(value)
                .map(|r| s.regularization = r)
                .ok_or(())
                .or_else(|_| bad("regularisation")),
            "regularization_rate" => number
                .map(|v| s.regularization_rate = v)
                .or_else(|_| bad("λ")),
            "init" => from_serde_name(value)
                .map(|i| s.init = i)
                .ok_or(())
                .or_else(|_| bad("initial weights")),
            "activation" | "feature" => Ok(()),
            _ => bad(name),
        };
        let outcome = outcome.and_then(|()| match name {
            "feature" => {
                let f: Feature = from_serde_name(value).ok_or("unknown input")?;
                if checked {
                    if !s.features.contains(&f) {
                        // In the order of the list of features.
                        s.features = Feature::ALL
                            .iter()
                            .copied()
                            .filter(|x| *x == f || s.features.contains(x))
                            .collect();
                    }
                } else {
                    s.features.retain(|x| *x != f);
                }
                Ok(())
            }
            _ => Ok(()),
        });
        self.finish_setting(s, outcome);
    }

    /// Sets one hidden layer's activation.
    pub fn set_layer_activation(&mut self, layer: usize, value: &str) {
        let Some(pg) = self.play.pg.as_ref() else {
            return;
        };
        let mut s = pg.settings().clone();
        let outcome = match (Activation::from_name(value), s.activations.get_mut(layer)) {
            (Some(a), Some(slot)) => {
                *slot = a;
                Ok(())
            }
            _ => Err(format!(
                "activations[{layer}]: “{value}” is not an activation"
            )),
        };
        self.finish_setting(s, outcome);
    }

    /// Adds or removes a layer or a neuron.
    pub fn change_layers(&mut self, act: &str, layer: Option<usize>) {
        let Some(pg) = self.play.pg.as_ref() else {
            return;
        };
        let mut s = pg.settings().clone();
        match (act, layer) {
            ("add-layer", _) => {
                let width = s.hidden.last().copied().unwrap_or(4);
                let act = s.activations.last().copied().unwrap_or(Activation::Tanh);
                s.hidden.push(width);
                s.activations.push(act);
            }
            ("remove-layer", _) => {
                s.hidden.pop();
                s.activations.pop();
            }
            ("add-neuron", Some(l)) => {
                if let Some(n) = s.hidden.get_mut(l) {
                    *n += 1;
                }
            }
            ("remove-neuron", Some(l)) => {
                if let Some(n) = s.hidden.get_mut(l) {
                    *n = n.saturating_sub(1);
                }
            }
            ("new-seed", _) => {
                s.seed = s
                    .seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407)
                    % 100_000
            }
            _ => return,
        }
        self.finish_setting(s, Ok(()));
    }

    fn finish_setting(&mut self, s: Settings, outcome: Result<(), String>) {
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let result = outcome.and_then(|()| pg.change(s).map_err(|e| e.to_string()));
        match result {
            Ok(rebuilt) => {
                self.play_notice("");
                if rebuilt {
                    self.play.playing = false;
                    self.show_point(true);
                } else {
                    self.show_point(false);
                }
            }
            Err(message) => self.play_notice(&format!("{message}; the settings are unchanged")),
        }
        self.play.setup_stale = true;
        self.play.dirty = true;
        self.request_frame();
    }

    /// Shows a message over the playground (empty clears it).
    pub fn play_notice(&self, text: &str) {
        if let Some(dom) = &self.play_dom {
            set_text(&dom.alert, text);
        }
    }

    /// A click on the plot at CSS pixel `(px, py)`: picks the nearest point, or adds one.
    pub fn plot_click(&mut self, px: f64, py: f64) {
        let Some(dom) = &self.play_dom else { return };
        let side = self.play.plot_side.max(1.0);
        let mode = dom.click.value();
        let (x1, x2) = from_plot(px, py, side);
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        if let Some(label) = mode
            .strip_prefix("add:")
            .and_then(|v| v.parse::<f64>().ok())
        {
            match pg.add_point(x1, x2, label) {
                Ok(()) => {
                    let index = pg.train_set().points.len() + pg.test_set().points.len();
                    self.play_notice(&format!(
                        "Added a point at ({}, {}); {index} points now.",
                        number_text(x1, 3),
                        number_text(x2, 3)
                    ));
                }
                Err(e) => self.play_notice(&e.to_string()),
            }
            self.play.setup_stale = true;
            self.show_point(true);
            return;
        }
        let radius = 10.0 / side * 2.0 * EXTENT;
        if let Some(pick) = pg.nearest(x1, x2, radius) {
            self.select_point(pick);
        }
    }

    /// Shows a point's forward and backward pass in the network view.
    pub fn select_point(&mut self, pick: Pick) -> bool {
        let Some(pg) = self.play.pg.as_mut() else {
            return false;
        };
        if pg.point(pick).is_none() {
            return false;
        }
        pg.pick = pick;
        self.show_point(true);
        self.ensure_trace();
        self.timeline.seek(self.timeline.len() as f64);
        true
    }

    /// Reads CSV from the text box into the data.
    pub fn import_csv(&mut self) {
        let Some(dom) = &self.play_dom else { return };
        let text = dom.csv.value();
        let Some(pg) = self.play.pg.as_mut() else {
            return;
        };
        let problems = pg.import_csv(&text);
        let count = pg.train_set().points.len() + pg.test_set().points.len();
        if let Some(dom) = &self.play_dom {
            dom.csv_messages.set_inner_html("");
            if let Some(doc) = dom.csv_messages.owner_document() {
                for p in problems.iter().take(50) {
                    if let Ok(li) = text_el(&doc, "li", "", p) {
                        let _ = dom.csv_messages.append_child(&li);
                    }
                }
                if problems.len() > 50 {
                    if let Ok(li) = text_el(
                        &doc,
                        "li",
                        "",
                        &format!("… and {} more", problems.len() - 50),
                    ) {
                        let _ = dom.csv_messages.append_child(&li);
                    }
                }
            }
            set_attr(
                &dom.csv_messages,
                "data-problems",
                &problems.len().to_string(),
            );
        }
        self.play_notice(&format!("{count} points in the data."));
        self.play.playing = false;
        self.show_point(true);
    }

    /// Back to generated data.
    pub fn generated_data(&mut self) {
        if let Some(pg) = self.play.pg.as_mut() {
            pg.clear_custom();
        }
        self.play.playing = false;
        self.show_point(true);
    }
}
