//! What each export gives: its file's name, type and text, and what the export box says. The
//! shell only downloads, paints the PNG and talks to the clipboard.

use super::frame::file_stem;
use super::Session;
use crate::explain::{latex, latex_standalone, markdown};
use crate::scene::svg::to_svg;
use crate::scene::PlacementLog;
use crate::share::encode;

/// An export the widget offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// A link to this exact state (copied, and shown in the box).
    Link,
    /// A quiz link that gives every student their own variant of this scenario (copied, and
    /// shown in the box).
    StudentQuizLink,
    /// The network as a PNG at twice the canvas's size (painted by the shell).
    Png,
    /// The network as SVG.
    Svg,
    /// The scenario file.
    Json,
    /// The worked solution as Markdown.
    Markdown,
    /// The worked solution as a LaTeX document.
    Latex,
}

impl Export {
    /// What the export box says once the clipboard answered a link export: `[copied,
    /// refused]`.
    pub const COPIED: [&'static str; 2] = [
        "Copied: the link is on the clipboard.",
        "The browser did not allow copying: copy the link from the box below.",
    ];

    /// A worked solution, which the export box shows as well as downloading it (its
    /// [`ExportFile::shown`]).
    pub fn shown_in_box(self) -> bool {
        matches!(self, Export::Markdown | Export::Latex)
    }

    /// Each export with the class of its button.
    pub const BUTTONS: [(&'static str, Export); 7] = [
        ("bpv-export-link", Export::Link),
        ("bpv-export-student", Export::StudentQuizLink),
        ("bpv-export-png", Export::Png),
        ("bpv-export-svg", Export::Svg),
        ("bpv-export-json", Export::Json),
        ("bpv-export-markdown", Export::Markdown),
        ("bpv-export-latex", Export::Latex),
    ];
}

/// A file to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// Its name (from the scenario's title).
    pub filename: String,
    /// Its media type.
    pub mime: &'static str,
    /// Its text.
    pub text: String,
    /// For a text worth reading in the page (a worked solution): what the export box says
    /// above it.
    pub shown: Option<&'static str>,
}

/// The formats of the worked solution, by the names the module API takes.
pub const SOLUTION_FORMATS: [&str; 3] = ["markdown", "latex", "latex-fragment"];

impl Session {
    /// The worked solution of the current step: `"markdown"`, `"latex"` (a complete document)
    /// or `"latex-fragment"` (its body, to paste into a document of one's own); any other
    /// format is refused, naming the ones there are.
    pub fn worked_solution(&self, format: &str) -> Result<String, String> {
        let (scenario, trace, digits) = (self.scenario(), self.trace(), self.view.digits);
        match format {
            "markdown" => Ok(markdown(scenario, trace, digits)),
            "latex" => Ok(latex_standalone(&latex(scenario, trace, digits))),
            "latex-fragment" => Ok(latex(scenario, trace, digits)),
            other => Err(format!(
                "format: “{}” is not one of {}",
                other.chars().take(40).collect::<String>(),
                SOLUTION_FORMATS.join(", ")
            )),
        }
    }

    /// A quiz link that gives every student their own numbers: this scenario as the template
    /// of the variants, the quiz on every phase, the rest of the view as it is.
    pub fn student_quiz_link(&self) -> crate::share::Link {
        crate::share::Link {
            step: None,
            quiz: true,
            ask: crate::explain::Phase::ALL.to_vec(),
            per_student: true,
            ..self.link()
        }
    }

    /// The network at the current step as SVG, `size` CSS pixels, every number written.
    pub fn svg(&self, size: (f64, f64), thumbnails: bool) -> String {
        to_svg(&self.scene(size, false, true, thumbnails, &mut PlacementLog::default()))
    }

    /// For the two link exports: the address to copy (the page share links open, then the
    /// state's hash) and what the export box says above it.
    pub fn link_export(&self, export: Export) -> Option<(String, &'static str)> {
        let (link, status) = match export {
            Export::Link => (self.link(), "The link to this exact state:"),
            Export::StudentQuizLink => (
                self.student_quiz_link(),
                "A quiz link that gives every student their own numbers (each types a name or \
                 number; backprop exam --student NAME gives that student's answer key):",
            ),
            _ => return None,
        };
        Some((format!("{}#{}", self.share.page, encode(&link)), status))
    }

    /// The file an export downloads (`None` for the PNG, which the shell paints, and the link,
    /// which it copies); `size` is the canvas's, for the SVG.
    pub fn export_file(
        &self,
        export: Export,
        size: (f64, f64),
        thumbnails: bool,
    ) -> Option<ExportFile> {
        let stem = file_stem(self.scenario());
        let file = |ext: &str, mime, text, shown| ExportFile {
            filename: format!("{stem}.{ext}"),
            mime,
            text,
            shown,
        };
        let solution = |format| self.worked_solution(format).unwrap_or_default();
        Some(match export {
            Export::Link | Export::StudentQuizLink | Export::Png => return None,
            Export::Svg => file("svg", "image/svg+xml", self.svg(size, thumbnails), None),
            Export::Json => file("json", "application/json", self.scenario().to_json(), None),
            Export::Markdown => file(
                "md",
                "text/markdown",
                solution("markdown"),
                Some("The worked solution as Markdown; select it all to copy."),
            ),
            Export::Latex => file(
                "tex",
                "application/x-tex",
                solution("latex"),
                Some("The worked solution as LaTeX; select it all to copy."),
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    #[test]
    fn each_export_is_named_after_the_scenario_and_unknown_formats_are_refused() {
        let mut s = Session::new(Scenario::preset("exam").expect("exam"));
        let tex = s
            .export_file(Export::Latex, (900.0, 480.0), false)
            .expect("a file");
        assert!(tex.filename.ends_with(".tex") && tex.text.contains("\\begin{document}"));
        let svg = s
            .export_file(Export::Svg, (900.0, 480.0), false)
            .expect("a file");
        assert!(
            svg.text.starts_with("<svg") || svg.text.starts_with("<?xml"),
            "{}",
            &svg.text[..40]
        );
        assert_eq!(s.export_file(Export::Png, (900.0, 480.0), false), None);
        s.share.page = "https://example.org/viz/".into();
        let (url, status) = s.link_export(Export::Link).expect("a link");
        assert_eq!(url, "https://example.org/viz/#v=1&preset=exam");
        assert!(status.starts_with("The link"));
        s.share.page = "page.html".into();
        let (student, status) = s.link_export(Export::StudentQuizLink).expect("a quiz link");
        let link = crate::share::decode(student.trim_start_matches("page.html#")).expect("reads");
        assert!(link.quiz && status.contains("--student NAME"));
        assert_eq!(s.link_export(Export::Json), None);
        let refused = s.worked_solution("pdf").expect_err("no pdf");
        assert!(
            refused.starts_with("format: “pdf”") && refused.contains("latex-fragment"),
            "{refused}"
        );
    }
}
