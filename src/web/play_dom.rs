//! The data-set panel's elements (its markup comes from `session::data_markup`): the mode
//! switch, the training buttons, the plot and chart canvases, and the set-up controls.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

use super::dom::{context_2d, find};
use crate::playground::Settings;
use crate::session::data_markup;

/// The panel's elements.
pub struct PlayDom {
    /// The whole panel (hidden in one-sample mode).
    pub section: Element,
    /// Train / pause.
    pub train: Element,
    /// Epochs, losses and accuracy.
    pub status: Element,
    /// Divergence and bad settings.
    pub alert: Element,
    /// The data plot.
    pub plot: HtmlCanvasElement,
    /// Its context.
    pub plot_ctx: CanvasRenderingContext2d,
    /// The loss chart.
    pub chart: HtmlCanvasElement,
    /// Its context.
    pub chart_ctx: CanvasRenderingContext2d,
    /// The chart's legend with numbers.
    pub chart_legend: Element,
    /// The set-up controls (rebuilt when the settings change).
    pub setup: Element,
    /// The CSV text box.
    pub csv: web_sys::HtmlTextAreaElement,
    /// Messages about CSV lines.
    pub csv_messages: Element,
    /// What a click on the plot does.
    pub click: web_sys::HtmlSelectElement,
    /// The mode switch's two buttons: one sample, data set.
    pub modes: [Element; 2],
}

impl PlayDom {
    /// Looks up the panel (hidden) and the mode switch in the widget's `root`.
    pub fn find(root: &Element) -> Result<PlayDom, JsValue> {
        let f = |class: &str| find::<Element>(root, class);
        let plot: HtmlCanvasElement = find(root, "bpv-plot")?;
        let chart: HtmlCanvasElement = find(root, "bpv-chart")?;
        let train = root
            .query_selector(".bpv-play-btn[data-act=train]")?
            .ok_or("the widget has no Train button")?;
        Ok(PlayDom {
            section: f("bpv-dataset")?,
            train,
            status: f("bpv-play-status")?,
            alert: f("bpv-play-alert")?,
            plot_ctx: context_2d(&plot)?,
            plot,
            chart_ctx: context_2d(&chart)?,
            chart,
            chart_legend: f("bpv-chart-legend")?,
            setup: f("bpv-play-setup")?,
            csv: find(root, "bpv-csv-text")?,
            csv_messages: f("bpv-csv-messages")?,
            click: find::<Element>(root, "bpv-play-left")?
                .query_selector("select[data-set=click]")?
                .ok_or("the widget has no click menu")?
                .unchecked_into(),
            modes: [f("bpv-mode-sample")?, f("bpv-mode-data")?],
        })
    }

    /// Rebuilds the set-up controls for `s`; `custom`: how many points the hand-made or
    /// imported data has, which the data and points menus then say instead of a generated set.
    pub(super) fn build_setup(&self, s: &Settings, custom: Option<usize>) {
        self.setup.set_inner_html(&data_markup::setup(s, custom));
        let keep = self.click.value();
        self.click
            .set_inner_html(&data_markup::click_options(s, &keep));
    }
}
