//! Markup written as text, every text and attribute value escaped, and the option lists that
//! more than one menu offers.

use crate::explain::math::escape;
use crate::nn::Optimizer;

/// Markup under construction: every text and attribute value is escaped.
#[derive(Default)]
pub struct Html(String);

impl Html {
    /// `<tag name="value" …>`; an empty value writes a boolean attribute (`hidden`).
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Html {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in attrs {
            self.0.push(' ');
            self.0.push_str(name);
            if !value.is_empty() {
                self.0.push_str("=\"");
                self.0.push_str(&escape(value));
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &str) -> &mut Html {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Text (escaped).
    pub fn text(&mut self, text: &str) -> &mut Html {
        self.0.push_str(&escape(text));
        self
    }

    /// Markup made elsewhere (already safe).
    pub fn raw(&mut self, markup: &str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// An element holding only text.
    pub fn el(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Html {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// A `<button type="button">` with its text and a description (its tooltip). A button
    /// without text (a canvas stand-in) is named by the description.
    pub fn button(&mut self, class: &str, text: &str, title: &str) -> &mut Html {
        self.button_with(class, text, title, &[])
    }

    /// A button with more attributes.
    pub fn button_with(
        &mut self,
        class: &str,
        text: &str,
        title: &str,
        more: &[(&str, &str)],
    ) -> &mut Html {
        let mut attrs = vec![("type", "button"), ("class", class)];
        if text.is_empty() {
            attrs.push(("aria-label", title));
        }
        attrs.push(("title", title));
        attrs.extend_from_slice(more);
        self.el("button", &attrs, text)
    }

    /// A `<select>` with its options, `selected` chosen.
    pub fn select(
        &mut self,
        attrs: &[(&str, &str)],
        options: &[(String, String)],
        selected: &str,
    ) -> &mut Html {
        self.open("select", attrs)
            .options(options, selected)
            .close("select")
    }

    /// `<option>`s, `selected` chosen.
    pub fn options(&mut self, options: &[(String, String)], selected: &str) -> &mut Html {
        for (value, text) in options {
            let mut attrs = vec![("value", value.as_str())];
            if value == selected {
                attrs.push(("selected", ""));
            }
            self.el("option", &attrs, text);
        }
        self
    }

    /// A `<label class=…>` with its text in a span, around what `control` writes.
    pub fn labelled(
        &mut self,
        class: &str,
        text: &str,
        control: impl FnOnce(&mut Html),
    ) -> &mut Html {
        self.open("label", &[("class", class)])
            .el("span", &[], text);
        control(self);
        self.close("label")
    }

    /// The markup written.
    pub fn finish(self) -> String {
        self.0
    }
}

/// The `disabled` attribute when `off`, else no attribute (to add to a control's own).
pub fn disabled_if(off: bool) -> Vec<(&'static str, &'static str)> {
    if off {
        vec![("disabled", "")]
    } else {
        Vec::new()
    }
}

/// `(value, text)` pairs whose text is the value.
pub fn pairs(values: &[&str]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| (v.to_string(), v.to_string()))
        .collect()
}

/// The optimiser menu's options, `(name, title)`, in [`Optimizer::ALL`]'s order.
pub fn optimizer_options() -> Vec<(String, String)> {
    Optimizer::ALL
        .iter()
        .map(|o| (o.name().to_string(), o.title().to_string()))
        .collect()
}
