//! What the command line reads and writes: files and standard input read up to a limit (a
//! UTF-8 byte-order mark dropped, as the page's import drops it), the scenario a command works on,
//! and standard output written so that a closed pipe or a full disk is an exit status and one
//! line, never a panic.

use std::io::{Read, Write};

use backprop_viz::playground::{Pick, Playground, Saved};
use backprop_viz::scenario::{Scenario, MAX_TEXT_BYTES};

/// Where a scenario comes from.
pub enum Source {
    /// A built-in preset.
    Preset(String),
    /// A data-set mode state, with one of its points.
    Playground(String),
    /// A file.
    File(String),
    /// Standard input (`-`).
    Stdin,
}

/// Sets the one scenario source, refusing a second.
pub fn set_source(slot: &mut Option<Source>, source: Source) -> Result<(), String> {
    if slot.is_some() {
        return Err("give one scenario: a FILE, - for standard input, or --preset NAME".into());
    }
    *slot = Some(source);
    Ok(())
}

/// Reads `--preset NAME`'s name, refusing an unknown one.
pub fn preset_source(name: String) -> Result<Source, String> {
    if Scenario::preset(&name).is_none() {
        return Err(format!(
            "--preset: unknown preset {name:?}; the presets are {}",
            Scenario::PRESETS.join(", ")
        ));
    }
    Ok(Source::Preset(name))
}

/// Reads a whole text from a path (`-`: standard input), at most `limit` bytes, as UTF-8.
pub fn read_text(path: &str, limit: usize) -> Result<String, String> {
    let label = if path == "-" { "standard input" } else { path };
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("{label}: cannot read: {e}"))?;
        // A regular file says its size: refuse it before reading it.
        if let Ok(meta) = file.metadata() {
            if meta.is_file() && meta.len() > limit as u64 {
                return Err(format!(
                    "{label}: {} bytes is too large; the limit is {limit}",
                    meta.len()
                ));
            }
            if meta.is_dir() {
                return Err(format!("{label}: is a folder, not a file"));
            }
        }
        file.take(limit as u64 + 1).read_to_end(&mut bytes)
    };
    read.map_err(|e| format!("{label}: cannot read: {e}"))?;
    if bytes.len() > limit {
        return Err(format!(
            "{label}: more than {limit} bytes; the limit is {limit}"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{label}: not UTF-8 text (byte {} is not valid)",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Loads the scenario a command works on.
pub fn load(source: &Source, point: Option<Pick>) -> Result<Scenario, String> {
    let (label, text) = match source {
        Source::Preset(name) => {
            return Scenario::preset(name).ok_or_else(|| format!("unknown preset {name:?}"))
        }
        Source::Playground(path) => {
            let text = read_text(path, MAX_TEXT_BYTES)?;
            let saved = Saved::from_json(&text).map_err(|e| format!("{path}: {e}"))?;
            let playground = Playground::restore(saved).map_err(|e| format!("{path}: {e}"))?;
            let pick = point.unwrap_or(playground.pick);
            if playground.point(pick).is_none() {
                return Err(format!(
                    "--point: the {} set has no point {}",
                    if pick.test { "test" } else { "training" },
                    pick.index
                ));
            }
            return Ok(playground.scenario_for(pick));
        }
        Source::File(path) => (path.clone(), read_text(path, MAX_TEXT_BYTES)?),
        Source::Stdin => (
            "standard input".to_string(),
            read_text("-", MAX_TEXT_BYTES)?,
        ),
    };
    Scenario::from_json(&text).map_err(|e| format!("{label}: {e}"))
}

/// The arguments as UTF-8, or the position of the first that is not.
pub fn arguments() -> Result<Vec<String>, String> {
    std::env::args_os()
        .skip(1)
        .enumerate()
        .map(|(i, a)| {
            a.into_string().map_err(|a| {
                format!(
                    "argument {} ({}) is not UTF-8 text",
                    i + 1,
                    a.to_string_lossy()
                )
            })
        })
        .collect()
}

/// Text as it may go to a terminal: control characters other than line breaks and tabs (ESC,
/// BEL, the C1 codes that start an OSC sequence) become U+FFFD, so a title cannot drive the
/// terminal.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// How writing the output ended.
pub enum Written {
    /// All of it was written.
    Done,
    /// The reader went away (`| head`): stop quietly.
    Closed,
    /// It could not be written (a full disk): the message.
    Failed(String),
}

/// Writes `text` to standard output and flushes it. (A standard output closed when the
/// process starts cannot be told from `/dev/null`: Rust's runtime reopens it there before `main`.)
pub fn write_stdout(text: &str) -> Written {
    let text = printable(text);
    let mut out = std::io::stdout().lock();
    let result = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    match result {
        Ok(()) => Written::Done,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Written::Closed,
        Err(e) => Written::Failed(format!("cannot write to standard output: {e}")),
    }
}
