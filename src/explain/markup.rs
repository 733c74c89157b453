//! What changed between two renderings of the same markup.
//!
//! The explanation panels are written again on every edit, and from one edit to the next usually
//! only their numbers change. [`changes`] compares the markup last written with the new one and,
//! when both have the same elements in the same order, lists the text runs and attribute values
//! that differ, so that the page can rewrite those nodes instead of parsing the whole markup
//! again (and laying out new elements).
//!
//! It reads markup as this crate writes it (`escape`d text and attribute values in double
//! quotes, no comments); anything else is reported as a change of shape.

use super::math::escape;

/// One difference between two renderings that have the same elements.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// The `index`-th non-empty text run (counted in document order from 0) now reads `text`
    /// (unescaped).
    Text {
        /// Which text run.
        index: usize,
        /// Its new text.
        text: String,
    },
    /// Attribute `name` of the `element`-th element (its start tag counted in document order
    /// from 0) is now `value` (unescaped).
    Attribute {
        /// Which element.
        element: usize,
        /// The attribute's name.
        name: String,
        /// Its new value.
        value: String,
    },
}

/// A piece of markup: a tag (start, end or self-closing) or the text between two tags.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Tag(&'a str),
    Text(&'a str),
}

/// Splits markup into tags and text runs (empty runs included, so that two renderings line up).
// The cuts are made with `split_at_checked`, whose `None` never comes (each cut is at a `<` or
// after a `>`), rather than by indexing, whose panic would bring the standard library's
// description of a bad cut (with its `char` escaping, 4 KB) into the page's first module.
fn tokens(markup: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let mut rest = markup;
    loop {
        let (text, from_tag) = rest.split_at_checked(rest.find('<').unwrap_or(rest.len()))?;
        out.push(Token::Text(text));
        if from_tag.is_empty() {
            return Some(out);
        }
        let (tag, after) = from_tag.split_at_checked(from_tag.find('>')? + 1)?;
        out.push(Token::Tag(tag));
        rest = after;
    }
}

/// A start tag read: its name, its attributes in order (values still escaped) and whether it
/// closes itself.
type StartTag<'a> = (&'a str, Vec<(&'a str, &'a str)>, bool);

/// Reads a start tag; `None` for what this module does not read.
fn start_tag(tag: &str) -> Option<StartTag<'_>> {
    let inner = tag.strip_prefix('<')?.strip_suffix('>')?;
    let (inner, closes) = match inner.strip_suffix('/') {
        Some(inner) => (inner, true),
        None => (inner, false),
    };
    let name_end = inner
        .find(|c: char| c.is_ascii_whitespace())
        .unwrap_or(inner.len());
    let (name, rest) = inner.split_at_checked(name_end)?;
    if name.is_empty() || name.starts_with(['!', '?']) {
        return None;
    }
    let mut attributes = Vec::new();
    let mut rest = rest.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (attribute, after) = rest.split_at_checked(name_end)?;
        rest = after;
        match rest.strip_prefix("=\"") {
            Some(quoted) => {
                let (value, after) = quoted.split_once('"')?;
                attributes.push((attribute, value));
                rest = after.trim_start();
            }
            None => {
                if rest.starts_with('=') {
                    return None;
                }
                attributes.push((attribute, ""));
                rest = rest.trim_start();
            }
        }
    }
    Some((name, attributes, closes))
}

/// The text that escaped `text` stands for; `None` for entities [`escape`] does not write.
fn unescape(text: &str) -> Option<String> {
    if !text.contains('&') {
        return Some(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, from_amp)) = rest.split_once('&') {
        out.push_str(before);
        let (after, replacement) = [("amp;", '&'), ("lt;", '<'), ("gt;", '>'), ("quot;", '"')]
            .into_iter()
            .find_map(|(entity, c)| Some((from_amp.strip_prefix(entity)?, c)))?;
        out.push(replacement);
        rest = after;
    }
    out.push_str(rest);
    Some(out)
}

/// The changes that turn `old` into `new`: empty when they are equal, `None` when they differ
/// in shape (another element or attribute list, a text run empty on one side only) or hold
/// markup this module does not read.
pub fn changes(old: &str, new: &str) -> Option<Vec<Change>> {
    let (old, new) = (tokens(old)?, tokens(new)?);
    if old.len() != new.len() {
        return None;
    }
    let mut out = Vec::new();
    let (mut texts, mut elements) = (0, 0);
    for (a, b) in old.iter().zip(&new) {
        match (a, b) {
            (Token::Text(a), Token::Text(b)) => {
                if a.is_empty() != b.is_empty() {
                    return None;
                }
                if a != b {
                    out.push(Change::Text {
                        index: texts,
                        text: unescape(b)?,
                    });
                }
                if !b.is_empty() {
                    texts += 1;
                }
            }
            (Token::Tag(a), Token::Tag(b)) if a.starts_with("</") || b.starts_with("</") => {
                if a != b {
                    return None;
                }
            }
            (Token::Tag(a), Token::Tag(b)) => {
                let (name_a, attributes_a, closes_a) = start_tag(a)?;
                let (name_b, attributes_b, closes_b) = start_tag(b)?;
                if name_a != name_b
                    || closes_a != closes_b
                    || attributes_a.len() != attributes_b.len()
                {
                    return None;
                }
                for ((name, value_a), (name_b, value_b)) in attributes_a.iter().zip(&attributes_b) {
                    if name != name_b {
                        return None;
                    }
                    if value_a != value_b {
                        out.push(Change::Attribute {
                            element: elements,
                            name: (*name).to_string(),
                            value: unescape(value_b)?,
                        });
                    }
                }
                elements += 1;
            }
            _ => return None,
        }
    }
    Some(out)
}

/// Writes an element with attributes (escaped here) around markup that is already escaped.
pub fn element(tag: &str, attributes: &[(&str, &str)], inner: &str) -> String {
    let mut out = format!("<{tag}");
    for (name, value) in attributes {
        out.push_str(&format!(" {name}=\"{}\"", escape(value)));
    }
    out.push('>');
    out.push_str(inner);
    out.push_str(&format!("</{tag}>"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_markup_has_no_changes() {
        let m = "<math display=\"block\"><mi>z</mi><mo>=</mo><mn>0.5</mn></math>";
        assert_eq!(changes(m, m), Some(vec![]));
        assert_eq!(changes("", ""), Some(vec![]));
    }

    #[test]
    fn numbers_that_change_are_text_runs_counted_in_document_order() {
        let old = "<mrow><mi>a</mi><mo>=</mo><mn>0.5</mn><mo>·</mo><mn>2</mn></mrow>";
        let new = "<mrow><mi>a</mi><mo>=</mo><mn>0.25</mn><mo>·</mo><mn>3 &lt; 4</mn></mrow>";
        assert_eq!(
            changes(old, new),
            Some(vec![
                Change::Text {
                    index: 2,
                    text: "0.25".into()
                },
                Change::Text {
                    index: 4,
                    text: "3 < 4".into()
                },
            ])
        );
    }

    #[test]
    fn attribute_values_that_change_name_their_element() {
        let old = "<ol><li class=\"f\" data-value=\"1\"><code>x</code></li><li class=\"f\" data-value=\"2\"></li></ol>";
        let new = "<ol><li class=\"f\" data-value=\"1\"><code>x</code></li><li class=\"f\" data-value=\"&quot;3&quot;\"></li></ol>";
        assert_eq!(
            changes(old, new),
            Some(vec![Change::Attribute {
                element: 3,
                name: "data-value".into(),
                value: "\"3\"".into()
            }])
        );
    }

    #[test]
    fn a_change_of_shape_is_not_a_list_of_changes() {
        let base = "<p class=\"a\">x</p>";
        for other in [
            "<p class=\"a\">x</p><p>y</p>",   // another element
            "<div class=\"a\">x</div>",       // another tag
            "<p id=\"a\">x</p>",              // another attribute
            "<p class=\"a\" hidden>x</p>",    // one more attribute
            "<p class=\"a\"></p>",            // a text run gone
            "<p class=\"a\">x &nbsp;</p>",    // an entity it does not write
            "<p class=\"a\">x<!-- c --></p>", // a comment
            "<p class=\"a\">x<br/></p>",      // a self-closing tag
        ] {
            assert_eq!(changes(base, other), None, "{other}");
        }
        assert_eq!(changes("<p>x", "<p x"), None, "an unclosed tag");
    }

    #[test]
    fn written_elements_round_trip_through_the_reader() {
        let a = element("li", &[("data-symbol", "∂J/∂w<3>")], "<mn>1</mn>");
        let b = element("li", &[("data-symbol", "a & \"b\"")], "<mn>1</mn>");
        assert_eq!(a, "<li data-symbol=\"∂J/∂w&lt;3&gt;\"><mn>1</mn></li>");
        assert_eq!(
            changes(&a, &b),
            Some(vec![Change::Attribute {
                element: 0,
                name: "data-symbol".into(),
                value: "a & \"b\"".into()
            }])
        );
    }
}
