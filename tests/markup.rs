//! The explanation panels' markup diff, on random markup: the changes it lists, applied to the
//! nodes a browser builds from the old markup (elements by start tag and non-empty text runs, in
//! document order, as `dom::Markup` applies them), give the nodes of the new markup.

use backprop_viz::explain::markup::{changes, element, Change};
use backprop_viz::explain::math::escape;
use proptest::prelude::*;

/// Markup as this crate writes it: elements with attributes, and text between them (never two
/// text runs side by side: they would be one node).
#[derive(Clone, Debug)]
struct El {
    tag: &'static str,
    attributes: Vec<(&'static str, String)>,
    /// Each child element with the text that comes before it; then the text after the last.
    children: Vec<(String, El)>,
    tail: String,
}

/// A node as the browser holds it: an element's attributes, or a text node's text.
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Element(Vec<(String, String)>),
    Text(String),
}

impl El {
    fn markup(&self) -> String {
        let mut inner = String::new();
        for (text, child) in &self.children {
            inner.push_str(&escape(text));
            inner.push_str(&child.markup());
        }
        inner.push_str(&escape(&self.tail));
        let attributes: Vec<(&str, &str)> = self
            .attributes
            .iter()
            .map(|(n, v)| (*n, v.as_str()))
            .collect();
        element(self.tag, &attributes, &inner)
    }

    /// The nodes in document order (this element first).
    fn nodes(&self, out: &mut Vec<Node>) {
        out.push(Node::Element(
            self.attributes
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone()))
                .collect(),
        ));
        for (text, child) in &self.children {
            if !text.is_empty() {
                out.push(Node::Text(text.clone()));
            }
            child.nodes(out);
        }
        if !self.tail.is_empty() {
            out.push(Node::Text(self.tail.clone()));
        }
    }

    /// Whether each text run (empty ones too) has text, in document order.
    fn runs(&self, out: &mut Vec<bool>) {
        for (text, child) in &self.children {
            out.push(!text.is_empty());
            child.runs(out);
        }
        out.push(!self.tail.is_empty());
    }

    /// The same elements with other texts and attribute values, from `values` in turn.
    fn relabelled(&self, values: &mut impl Iterator<Item = String>) -> El {
        El {
            tag: self.tag,
            attributes: self
                .attributes
                .iter()
                .map(|(n, _)| (*n, values.next().unwrap_or_default()))
                .collect(),
            children: self
                .children
                .iter()
                .map(|(_, c)| (values.next().unwrap_or_default(), c.relabelled(values)))
                .collect(),
            tail: values.next().unwrap_or_default(),
        }
    }
}

/// Applies `changes` to `nodes` the way the page does.
fn apply(nodes: &[Node], changes: &[Change]) -> Vec<Node> {
    let mut out = nodes.to_vec();
    let texts: Vec<usize> = (0..out.len())
        .filter(|k| matches!(out[*k], Node::Text(_)))
        .collect();
    let elements: Vec<usize> = (0..out.len())
        .filter(|k| matches!(out[*k], Node::Element(_)))
        .collect();
    for change in changes {
        match change {
            Change::Text { index, text } => out[texts[*index]] = Node::Text(text.clone()),
            Change::Attribute {
                element,
                name,
                value,
            } => {
                let Node::Element(attributes) = &mut out[elements[*element]] else {
                    unreachable!("elements hold element indices")
                };
                let slot = attributes
                    .iter_mut()
                    .find(|(n, _)| n == name)
                    .expect("a change names an attribute the element has");
                slot.1.clone_from(value);
            }
        }
    }
    out
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("0.5".to_string()),
        Just("−0.2007".to_string()),
        Just("a < b & \"c\" > d".to_string()),
        Just(" ".to_string()),
        "[0-9.−]{1,8}",
        "[a-zα-ω∂·=≈ ]{1,6}",
    ]
}

fn tree() -> impl Strategy<Value = El> {
    let tags = prop_oneof![Just("mrow"), Just("mn"), Just("li"), Just("span")];
    let names = prop::sample::subsequence(vec!["class", "data-value", "data-symbol"], 0..=3);
    let leaf = (tags.clone(), names.clone(), value()).prop_map(|(tag, names, tail)| El {
        tag,
        attributes: names.into_iter().map(|n| (n, "1".to_string())).collect(),
        children: Vec::new(),
        tail,
    });
    leaf.prop_recursive(4, 40, 4, move |inner| {
        (
            tags.clone(),
            names.clone(),
            prop::collection::vec((value(), inner), 0..4),
            value(),
        )
            .prop_map(|(tag, names, children, tail)| El {
                tag,
                attributes: names.into_iter().map(|n| (n, "1".to_string())).collect(),
                children,
                tail,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn listed_changes_turn_the_old_nodes_into_the_new(
        old in tree(),
        values in prop::collection::vec(value(), 200),
    ) {
        let new = old.relabelled(&mut values.into_iter());
        let (mut old_nodes, mut new_nodes) = (Vec::new(), Vec::new());
        old.nodes(&mut old_nodes);
        new.nodes(&mut new_nodes);
        // The same elements (relabelled); the same shape when the same text runs have text.
        let (mut old_runs, mut new_runs) = (Vec::new(), Vec::new());
        old.runs(&mut old_runs);
        new.runs(&mut new_runs);
        let same_shape = old_runs == new_runs;
        match changes(&old.markup(), &new.markup()) {
            Some(list) => prop_assert_eq!(apply(&old_nodes, &list), new_nodes),
            // Only a text run empty on one side may make the shapes differ.
            None => prop_assert!(!same_shape, "same shape, yet no changes listed:\n{}\n{}", old.markup(), new.markup()),
        }
    }
}
