//! The data-set panel's elements (its markup comes from `session::data_markup`, written when the
//! mode is first entered): the plot and chart canvases, the set-up controls, the CSV box and
//! the plot's click menu.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement};

use super::dom::{context_2d, find};
use crate::parts::DataPart;
use crate::playground::Settings;

/// The panel's elements.
pub struct PlayDom {
    /// The data plot.
    pub plot: HtmlCanvasElement,
    /// Its context.
    pub plot_ctx: CanvasRenderingContext2d,
    /// The loss chart.
    pub chart: HtmlCanvasElement,
    /// Its context.
    pub chart_ctx: CanvasRenderingContext2d,
    /// The set-up controls (rebuilt when the settings change).
    pub setup: Element,
    /// The CSV text box.
    pub csv: web_sys::HtmlTextAreaElement,
    /// What a click on the plot does.
    pub click: web_sys::HtmlSelectElement,
}

impl PlayDom {
    /// Writes the panel's contents into its `section` and looks up its elements.
    pub fn build(section: &Element) -> Result<PlayDom, JsValue> {
        section.set_inner_html(&crate::session::data_markup::panel());
        let plot: HtmlCanvasElement = find(section, "bpv-plot")?;
        let chart: HtmlCanvasElement = find(section, "bpv-chart")?;
        Ok(PlayDom {
            plot_ctx: context_2d(&plot)?,
            plot,
            chart_ctx: context_2d(&chart)?,
            chart,
            setup: find(section, "bpv-play-setup")?,
            csv: find(section, "bpv-csv-text")?,
            click: find::<Element>(section, "bpv-play-left")?
                .query_selector("select[data-set=click]")?
                .ok_or("the widget has no click menu")?
                .unchecked_into(),
        })
    }

    /// Rebuilds the set-up controls for `s`; `custom`: how many points the hand-made or
    /// imported data has, which the data and points menus then say instead of a generated set.
    pub(super) fn build_setup(&self, code: &DataPart, s: &Settings, custom: Option<usize>) {
        super::dom::replace_html(&self.setup, &(code.setup_markup)(s, custom));
        let keep = self.click.value();
        self.click.set_inner_html(&(code.click_options)(s, &keep));
    }
}
