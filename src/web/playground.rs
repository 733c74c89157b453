//! Data-set mode ("playground") in the shell: what its panel draws with, the training frame's
//! schedule, and what only the page knows (the plot's pixels, the CSV box). Its state and
//! decisions are the session's (`crate::session`, `DataCommand`); the panel's elements are
//! built in `play_dom`, drawn in `play_draw`, and wired in `play_events`.

use web_sys::HtmlCanvasElement;

use super::app::{clock, App};
use super::dom::{set_attr, set_text, text_el};
use crate::scene::plot::{from_plot, pick_radius};
use crate::session::{Command, DataCommand};

/// The last training frame's timings in milliseconds (for benchmarks).
#[derive(Clone, Copy, Debug, Default)]
pub struct TrainingTimes {
    /// Training.
    pub training: f64,
    /// Computing the maps.
    pub grids: f64,
    /// Drawing the plot and the chart.
    pub drawing: f64,
}

/// What the data-set panel draws with (its state is the session's `data`).
pub struct PlayState {
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
    /// Milliseconds of the last training frame.
    pub ms: TrainingTimes,
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
            behind: false,
            turn: false,
            hold_network: false,
            grids: Vec::new(),
            side: 0,
            grids_stale: true,
            dirty: true,
            setup_stale: true,
            images: Vec::new(),
            ms: TrainingTimes::default(),
            plot_side: 300.0,
            chart_size: (300.0, 90.0),
            pixels: Vec::new(),
            points_layer: None,
            points_key: std::cell::Cell::new(0),
        }
    }
}

impl App {
    /// One training frame: an epoch, the losses, then the network view follows. A large
    /// network takes turns: the maps on one frame, the network view on the next, so that each
    /// frame stays short (the loss, the chart and the status follow every frame).
    pub fn training_frame(&mut self) {
        let started = clock();
        let effects = self
            .session
            .apply(Command::Data(DataCommand::TrainingFrame));
        self.play.ms.training = clock() - started;
        let large = self
            .session
            .data
            .playground
            .as_ref()
            .is_some_and(super::play_draw::large_network);
        self.absorb(effects);
        self.play.hold_network = false;
        if large && self.session.data.playing {
            self.play.turn = !self.play.turn;
            if self.play.turn {
                self.play.grids_stale = false;
            } else {
                self.dirty.canvas = false;
                self.play.hold_network = true;
            }
        }
    }

    /// Starts or pauses training.
    pub fn toggle_training(&mut self) {
        self.play.hold_network = false;
        self.dispatch_data(DataCommand::ToggleTraining);
    }

    /// Shows a message over the playground (empty clears it).
    pub fn play_notice(&self, text: &str) {
        if let Some(dom) = &self.play_dom {
            set_text(&dom.alert, text);
        }
    }

    /// A click on the plot at CSS pixel `(px, py)`: adds a point (when the click mode says
    /// so) or picks the nearest one.
    pub fn plot_click(&mut self, px: f64, py: f64) {
        let Some(dom) = &self.play_dom else { return };
        let side = self.play.plot_side.max(1.0);
        let mode = dom.click.value();
        let (x1, x2) = from_plot(px, py, side);
        let command = match mode
            .strip_prefix("add:")
            .and_then(|v| v.parse::<f64>().ok())
        {
            Some(label) => DataCommand::AddPoint { x1, x2, label },
            None => DataCommand::PickNear {
                x1,
                x2,
                radius: pick_radius(side),
            },
        };
        self.dispatch_data(command);
    }

    /// Reads the CSV box into the data.
    pub fn import_csv(&mut self) {
        let Some(dom) = &self.play_dom else { return };
        let text = dom.csv.value();
        self.dispatch_data(DataCommand::ImportCsv(text));
    }

    /// Lists the CSV lines that could not be read (at most 50, and how many more).
    pub fn show_csv_problems(&self, problems: &[String]) {
        let Some(dom) = &self.play_dom else { return };
        dom.csv_messages.set_inner_html("");
        if let Some(doc) = dom.csv_messages.owner_document() {
            let more = (problems.len() > 50).then(|| format!("… and {} more", problems.len() - 50));
            for line in problems.iter().take(50).chain(more.as_ref()) {
                if let Ok(li) = text_el(&doc, "li", "", line) {
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
}
