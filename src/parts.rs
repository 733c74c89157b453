//! Code the page loads when it is first needed, in wasm modules of their own.
//!
//! A part is a table of plain function pointers. Nothing else of the crate calls the code behind
//! them, so the page's build (`scripts/build-wasm.sh`) can move that code out of the first
//! module: `web/` fetches the part when a command first needs it, [`install`]s its table for the
//! whole page and hands it to the session in
//! [`Command::Loaded`](crate::session::Command::Loaded). On the host nothing is split and every
//! part is there from the start ([`Parts::at_start`]).

use std::sync::OnceLock;

use crate::explain::Place;
use crate::json::Value;
use crate::nn::data::DataSet;
use crate::nn::train::Diverged;
use crate::nn::Params;
use crate::playground::{LossPoint, Pick, Playground, Saved, Settings, SettingsError};
use crate::quiz::sheet::Report;
use crate::read::ReadError;
use crate::scenario::Scenario;
use crate::scene::plot::Chart;
use crate::scene::Shape;
use crate::session::writes::Write;
use crate::session::{
    Authoring, DataCommand, DataSetting, Effects, Export, ExportFile, Session, ShareChange,
};

/// A part of the widget's code that loads on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The answer checkers: of a whole worked answer (the reader of a student's lines and
    /// its verdicts), and of a quiz's answers (with the diagnosis of a wrong one).
    Check,
    /// Data-set mode: data sets, the trainer, the grids, and what draws them.
    Data,
    /// The readers of JSON: a scenario (a file, a link's, the module API's) and a link's
    /// playground, with the JSON parser.
    Read,
    /// The tools a teacher builds and shares a question with, and the file exports: the
    /// authoring panel, the Embed… dialog, per-student variants, SVG, JSON, Markdown, LaTeX.
    Tools,
}

impl Part {
    /// What it is called in the page's messages ("Loading the answer checker…").
    pub fn label(self) -> &'static str {
        match self {
            Part::Check => "the answer checker",
            Part::Data => "data-set mode",
            Part::Read => "the reader of files and links",
            Part::Tools => "the export and authoring tools",
        }
    }

    /// What the page says while it is on its way ("Loading the answer checker…").
    pub fn loading(self) -> String {
        format!("Loading {}…", self.label())
    }

    /// Its name in the page's files (`split_<name>.wasm`) and the module API.
    pub fn name(self) -> &'static str {
        match self {
            Part::Check => "check",
            Part::Data => "data",
            Part::Read => "read",
            Part::Tools => "tools",
        }
    }

    /// The part a name (`"data"`) stands for.
    pub fn from_name(name: &str) -> Option<Part> {
        [Part::Check, Part::Data, Part::Read, Part::Tools]
            .into_iter()
            .find(|part| part.name() == name)
    }
}

/// The answer checkers: a worked answer's, `check(scenario, text, digits)`, and a quiz's.
#[derive(Clone, Copy)]
pub struct CheckPart {
    /// Reads and checks the worked answer `text` against `scenario`.
    pub check: fn(&Scenario, &str, usize) -> Result<Report, String>,
    /// Checks a typed answer to the quiz's current question ([`Session`]'s `answer`).
    pub answer: fn(&mut Session, &str) -> Effects,
    /// The worked-answer check's status line, list and counts
    /// ([`Session::loaded_answer_writes`]).
    pub writes: fn(&Session) -> Vec<Write>,
    /// Where the check marks the canvas ([`Session::loaded_answer_marks`]).
    pub marks: fn(&Session) -> Vec<(Place, bool)>,
}

impl CheckPart {
    /// The table. Only the part's own split point (in `web/`) and the host call this: a call
    /// anywhere else would pull the checker back into the first module.
    pub fn new() -> CheckPart {
        CheckPart {
            check: crate::quiz::sheet::check_sheet,
            answer: Session::answer,
            writes: Session::loaded_answer_writes,
            marks: Session::loaded_answer_marks,
        }
    }
}

/// [`crate::playground::map_pixels`]: settings, grids, side, which map, neutral colour, pixels
/// out; gives the image's side.
pub type MapPixels = fn(&Settings, &[Vec<f32>], usize, usize, [u8; 3], &mut Vec<u8>) -> usize;

/// Data-set mode's own code: everything that makes, trains and reads a [`Playground`] beyond
/// its fields, and what draws it (the set-up panel, the heatmaps, the plot and the chart).
#[derive(Clone, Copy)]
pub struct DataPart {
    /// [`Playground::new`].
    pub new: fn(Settings, Option<DataSet>) -> Result<Playground, SettingsError>,
    /// [`Playground::restore`].
    pub restore: fn(Saved) -> Result<Playground, SettingsError>,
    /// [`Playground::change`].
    pub change: fn(&mut Playground, Settings) -> Result<bool, SettingsError>,
    /// [`Playground::set_params`].
    pub set_params: fn(&mut Playground, &Params) -> Result<(), SettingsError>,
    /// [`Playground::record`].
    pub record: fn(&mut Playground),
    /// [`Playground::step_batch`].
    pub step_batch: fn(&mut Playground) -> Result<(), Diverged>,
    /// [`Playground::step_epoch`].
    pub step_epoch: fn(&mut Playground) -> Result<(), Diverged>,
    /// [`Playground::train_samples`].
    pub train_samples: fn(&mut Playground, usize) -> Result<(), Diverged>,
    /// [`Playground::reset`].
    pub reset: fn(&mut Playground),
    /// [`Playground::nearest`].
    pub nearest: fn(&Playground, f64, f64, f64) -> Option<Pick>,
    /// [`Playground::scenario_for`].
    pub scenario_for: fn(&Playground, Pick) -> Scenario,
    /// [`Playground::import_csv`].
    pub import_csv: fn(&mut Playground, &str) -> Vec<String>,
    /// [`Playground::add_point`].
    pub add_point: fn(&mut Playground, f64, f64, f64) -> Result<(), SettingsError>,
    /// [`Playground::clear_custom`].
    pub clear_custom: fn(&mut Playground),
    /// [`Playground::accuracy`].
    pub accuracy: fn(&mut Playground, bool) -> Option<f64>,
    /// [`Playground::grids`].
    pub grids: fn(&mut Playground, usize) -> Vec<Vec<f32>>,
    /// The set-up panel's markup ([`crate::session::data_markup::setup`]).
    pub setup_markup: fn(&Settings, Option<usize>) -> String,
    /// The click menu's options ([`crate::session::data_markup::click_options`]).
    pub click_options: fn(&Settings, &str) -> String,
    /// A heatmap's pixels ([`crate::playground::map_pixels`]).
    pub map_pixels: MapPixels,
    /// The plot's points ([`crate::scene::plot::points_layer`]).
    pub points_layer: fn(&Playground, f64, bool) -> Vec<Shape>,
    /// The ring round the picked point ([`crate::scene::plot::pick_ring`]).
    pub pick_ring: fn(&Playground, f64, bool) -> Option<Shape>,
    /// The loss chart ([`crate::scene::plot::loss_chart`]).
    pub loss_chart: fn(&[LossPoint], f64, f64, bool) -> Chart,
    /// Entering the mode ([`Session::enter_loaded_data_mode`]).
    pub enter: fn(&mut Session, Option<Saved>) -> Effects,
    /// A data-set mode command ([`Session::run_data_command`]).
    pub apply: fn(&mut Session, DataCommand) -> Effects,
    /// The playground takes the network view's weights ([`Session::pull_loaded_params`]).
    pub pull_params: fn(&mut Session) -> Effects,
    /// The mode's status line and `data-*` ([`Session::loaded_data_status_writes`]).
    pub status_writes: fn(&mut Session) -> Vec<Write>,
    /// The setting a set-up control stands for ([`DataSetting::from_control`]).
    pub setting: fn(&str, &str, bool, Option<usize>) -> Option<DataSetting>,
}

impl DataPart {
    /// The table. Only the part's own split point (in `web/`) and the host call this.
    pub fn new() -> DataPart {
        DataPart {
            new: Playground::new,
            restore: Playground::restore,
            change: Playground::change,
            set_params: Playground::set_params,
            record: Playground::record,
            step_batch: Playground::step_batch,
            step_epoch: Playground::step_epoch,
            train_samples: Playground::train_samples,
            reset: Playground::reset,
            nearest: Playground::nearest,
            scenario_for: Playground::scenario_for,
            import_csv: Playground::import_csv,
            add_point: Playground::add_point,
            clear_custom: Playground::clear_custom,
            accuracy: Playground::accuracy,
            grids: Playground::grids,
            setup_markup: crate::session::data_markup::setup,
            click_options: crate::session::data_markup::click_options,
            map_pixels: crate::playground::map_pixels,
            points_layer: crate::scene::plot::points_layer,
            pick_ring: crate::scene::plot::pick_ring,
            loss_chart: crate::scene::plot::loss_chart,
            enter: Session::enter_loaded_data_mode,
            apply: Session::run_data_command,
            pull_params: Session::pull_loaded_params,
            status_writes: Session::loaded_data_status_writes,
            setting: DataSetting::from_control,
        }
    }
}

/// The readers of JSON. Each field is the function of its name behind the crate's public
/// readers ([`Scenario::from_json`], [`Scenario::from_value`], [`Saved::from_json`], a link's
/// scenario), which call it through [`reader`]. (The module API's options are read by its own
/// part, which `mount` loads.)
#[derive(Clone, Copy)]
pub struct ReadPart {
    /// A scenario file's text.
    pub scenario_json: fn(&str) -> Result<Scenario, ReadError>,
    /// A scenario as a JSON value (the module API's object).
    pub scenario_value: fn(Value) -> Result<Scenario, ReadError>,
    /// A link's scenario (∞ and NaN allowed where a diverged network has them).
    pub link_scenario: fn(&str) -> Result<Scenario, ReadError>,
    /// A link's playground.
    pub saved_json: fn(&str) -> Result<Saved, ReadError>,
    /// A scenario file's text, from a named source, loaded in place of the one on screen
    /// ([`Session::import_loaded`]).
    pub import: fn(&mut Session, &str, &str) -> Effects,
}

impl ReadPart {
    /// The table. Only the part's own split point (in `web/`) and the host call this.
    pub fn new() -> ReadPart {
        ReadPart {
            scenario_json: Scenario::read_json,
            scenario_value: Scenario::read_value,
            link_scenario: crate::share::read_link_scenario,
            saved_json: Saved::read_json,
            import: Session::import_loaded,
        }
    }
}

/// The readers, if the page has them (on the host, always), or why not, as a reader's error.
pub fn reader() -> Result<ReadPart, ReadError> {
    match installed(Part::Read) {
        Some(Loaded::Read(read)) => Ok(read),
        _ => Err(ReadError::new(
            "",
            "the reader of files and links has not loaded yet (loadPart(\"read\") loads it)",
        )),
    }
}

/// What a copy button copies, and what to say when the clipboard answers (`[copied, refused]`).
pub type CopyText = (String, [String; 2]);

/// The teacher's tools and the file exports: what nothing on screen needs until a teacher opens
/// the authoring panel or the Embed… dialog, a student starts a per-student quiz, or someone
/// downloads a file. Each field is the [`Session`] method of its name.
#[derive(Clone, Copy)]
pub struct ToolsPart {
    /// A change to the question on screen ([`Command::Author`](crate::session::Command::Author)).
    pub author: fn(&mut Session, &Authoring) -> Effects,
    /// The authoring panel's controls.
    pub author_markup: fn(&Session) -> String,
    /// The change a control of the Embed… dialog stands for ([`ShareChange::from_control`]).
    pub share_change: fn(&str, &str, bool) -> Option<ShareChange>,
    /// A change in the Embed… dialog.
    pub change_share: fn(&mut Session, ShareChange) -> Effects,
    /// What the open Embed… dialog shows.
    pub share_writes: fn(&Session) -> Vec<Write>,
    /// What a copy button of the dialog copies.
    pub share_copy: fn(&Session, &str) -> Option<CopyText>,
    /// A per-student link's variant, from the name the student typed.
    pub start_variant: fn(&mut Session, &str) -> Effects,
    /// The file an export downloads.
    pub export_file: fn(&Session, Export, (f64, f64), bool) -> Option<ExportFile>,
    /// The network as SVG.
    pub svg: fn(&Session, (f64, f64), bool) -> String,
    /// The worked solution as Markdown or LaTeX.
    pub worked_solution: fn(&Session, &str) -> Result<String, String>,
}

impl ToolsPart {
    /// The table. Only the part's own split point (in `web/`) and the host call this.
    pub fn new() -> ToolsPart {
        ToolsPart {
            author: Session::author,
            author_markup: Session::author_markup,
            share_change: ShareChange::from_control,
            change_share: Session::change_share,
            share_writes: Session::dialog_writes,
            share_copy: Session::dialog_copy,
            start_variant: Session::start_variant,
            export_file: Session::export_file,
            svg: Session::svg,
            worked_solution: Session::worked_solution,
        }
    }
}

/// A part's table: made by its `new`, shown by its name, and equal to any other (every table of
/// a part points at the same code).
macro_rules! part_table {
    ($($part:ident),*) => {$(
        impl Default for $part {
            fn default() -> Self {
                $part::new()
            }
        }

        impl PartialEq for $part {
            fn eq(&self, _: &$part) -> bool {
                true
            }
        }

        impl std::fmt::Debug for $part {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(stringify!($part))
            }
        }
    )*};
}

part_table!(CheckPart, DataPart, ReadPart, ToolsPart);

/// Where a part is.
#[derive(Clone, Debug, Default)]
pub enum Load<T> {
    /// Not asked for yet.
    #[default]
    Absent,
    /// Being fetched.
    Loading,
    /// Here.
    Loaded(T),
    /// The last fetch failed (why); asking again tries again.
    Failed(String),
}

impl<T> Load<T> {
    /// The part, when it is here.
    pub fn get(&self) -> Option<&T> {
        match self {
            Load::Loaded(part) => Some(part),
            _ => None,
        }
    }

    /// Asks for the part: true when a fetch must start now (it is neither here nor on its way).
    pub fn request(&mut self) -> bool {
        match self {
            Load::Absent | Load::Failed(_) => {
                *self = Load::Loading;
                true
            }
            Load::Loading | Load::Loaded(_) => false,
        }
    }
}

/// The parts a session has.
#[derive(Clone, Debug, Default)]
pub struct Parts {
    /// The worked-answer check.
    pub check: Load<CheckPart>,
    /// Data-set mode's code.
    pub data: Load<DataPart>,
    /// The readers of JSON.
    pub read: Load<ReadPart>,
    /// The teacher's tools and the file exports.
    pub tools: Load<ToolsPart>,
}

impl Parts {
    /// What a new session has: the parts the page has loaded (every part, on the host).
    pub fn at_start() -> Parts {
        Parts {
            check: match installed(Part::Check) {
                Some(Loaded::Check(check)) => Load::Loaded(check),
                _ => Load::Absent,
            },
            data: data().map_or(Load::Absent, Load::Loaded),
            read: reader().map_or(Load::Absent, Load::Loaded),
            tools: match installed(Part::Tools) {
                Some(Loaded::Tools(tools)) => Load::Loaded(tools),
                _ => Load::Absent,
            },
        }
    }
}

/// The parts the page has loaded (a later widget finds them here).
static CHECK: OnceLock<CheckPart> = OnceLock::new();
static DATA: OnceLock<DataPart> = OnceLock::new();
static READ: OnceLock<ReadPart> = OnceLock::new();
static TOOLS: OnceLock<ToolsPart> = OnceLock::new();

/// Keeps a part that arrived for every widget of the page.
pub fn install(part: &Loaded) {
    match part {
        Loaded::Check(check) => {
            let _ = CHECK.set(*check);
        }
        Loaded::Data(data) => {
            let _ = DATA.set(*data);
        }
        Loaded::Read(read) => {
            let _ = READ.set(*read);
        }
        Loaded::Tools(tools) => {
            let _ = TOOLS.set(*tools);
        }
    }
}

/// `part`, if the page has it (on the host, always).
pub fn installed(part: Part) -> Option<Loaded> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(match part {
            Part::Check => Loaded::Check(CheckPart::new()),
            Part::Data => Loaded::Data(DataPart::new()),
            Part::Read => Loaded::Read(ReadPart::new()),
            Part::Tools => Loaded::Tools(ToolsPart::new()),
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        match part {
            Part::Check => CHECK.get().copied().map(Loaded::Check),
            Part::Data => DATA.get().copied().map(Loaded::Data),
            Part::Read => READ.get().copied().map(Loaded::Read),
            Part::Tools => TOOLS.get().copied().map(Loaded::Tools),
        }
    }
}

/// Data-set mode's code, if the page has it.
pub fn data() -> Option<DataPart> {
    match installed(Part::Data) {
        Some(Loaded::Data(data)) => Some(data),
        _ => None,
    }
}

/// A part that arrived, for [`Command::Loaded`](crate::session::Command::Loaded).
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// The worked-answer check.
    Check(CheckPart),
    /// Data-set mode's code.
    Data(DataPart),
    /// The readers of JSON.
    Read(ReadPart),
    /// The teacher's tools and the file exports.
    Tools(ToolsPart),
}
