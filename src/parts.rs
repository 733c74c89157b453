//! Code the page loads when it is first needed, in a second wasm module.
//!
//! A part is a table of plain function pointers. Nothing else of the crate calls the code behind
//! them, so the page's build (`scripts/build_wasm.py`) can move that code out of the first
//! module: `web/` fetches the part when a command first needs it and hands the table to the
//! session in [`Command::Loaded`](crate::session::Command::Loaded). On the host nothing is split
//! and every part is there from the start ([`Parts::at_start`]).

use crate::quiz::sheet::Report;
use crate::scenario::Scenario;

/// A part of the widget's code that loads on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The check of a whole worked answer (the reader of a student's lines and its verdicts).
    Check,
}

impl Part {
    /// What it is called in the page's messages ("Loading the checker…").
    pub fn label(self) -> &'static str {
        match self {
            Part::Check => "the answer checker",
        }
    }
}

/// The check of a worked answer: `check(scenario, text, digits)`.
#[derive(Clone, Copy)]
pub struct CheckPart {
    /// Reads and checks the worked answer `text` against `scenario`.
    pub check: fn(&Scenario, &str, usize) -> Result<Report, String>,
}

impl CheckPart {
    /// The table. Only the part's own split point (in `web/`) and the host call this: a call
    /// anywhere else would pull the checker back into the first module.
    pub fn new() -> CheckPart {
        CheckPart {
            check: crate::quiz::sheet::check_sheet,
        }
    }
}

impl Default for CheckPart {
    fn default() -> Self {
        CheckPart::new()
    }
}

/// Every table of a part points at the same code: any two are equal.
impl PartialEq for CheckPart {
    fn eq(&self, _: &CheckPart) -> bool {
        true
    }
}

impl std::fmt::Debug for CheckPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CheckPart")
    }
}

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
}

impl Parts {
    /// What a new session has: every part on the host, none yet in the page's wasm (each is
    /// fetched when first needed).
    pub fn at_start() -> Parts {
        #[cfg(not(target_arch = "wasm32"))]
        {
            Parts {
                check: Load::Loaded(CheckPart::new()),
            }
        }
        #[cfg(target_arch = "wasm32")]
        {
            Parts::default()
        }
    }
}

/// A part that arrived, for [`Command::Loaded`](crate::session::Command::Loaded).
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// The worked-answer check.
    Check(CheckPart),
}
