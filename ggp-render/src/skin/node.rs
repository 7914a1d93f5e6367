//! A parsed TOML document as a plain tree whose every value knows its line, so that the
//! skin reader can say "default.toml:42" for any mistake it finds.

use toml_edit::{Item, Value};

/// One TOML value and the 1-based line it starts on.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub line: usize,
    pub kind: NodeKind,
}

/// The TOML value types a skin uses (dates are rejected where they appear).
#[derive(Debug, Clone)]
pub(crate) enum NodeKind {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Array(Vec<Node>),
    Table(Vec<(String, Node)>),
    Other(&'static str),
}

impl Node {
    /// The entry `key` of a table node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Table(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The entries of a table node (empty for other kinds).
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.kind {
            NodeKind::Table(entries) => entries,
            _ => &[],
        }
    }

    /// A word for the value's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Str(_) => "a string",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a number",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Array(_) => "an array",
            NodeKind::Table(_) => "a table",
            NodeKind::Other(what) => what,
        }
    }
}

/// Line numbers from byte offsets.
pub(crate) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// Converts a parsed document's root table.
pub(crate) fn from_document(doc: &toml_edit::Document<String>, lines: &Lines) -> Node {
    from_table(doc.as_table(), 1, lines)
}

fn line_of(span: Option<std::ops::Range<usize>>, fallback: usize, lines: &Lines) -> usize {
    span.map_or(fallback, |s| lines.line(s.start))
}

fn from_table(table: &toml_edit::Table, line: usize, lines: &Lines) -> Node {
    let line = line_of(table.span(), line, lines);
    let entries = table
        .iter()
        .filter_map(|(key, _)| {
            let (k, item) = table.get_key_value(key)?;
            let at = line_of(k.span(), line, lines);
            Some((key.to_owned(), from_item(item, at, lines)))
        })
        .collect();
    Node {
        line,
        kind: NodeKind::Table(entries),
    }
}

fn from_item(item: &Item, line: usize, lines: &Lines) -> Node {
    match item {
        Item::None => Node {
            line,
            kind: NodeKind::Other("nothing"),
        },
        Item::Value(value) => from_value(value, line, lines),
        Item::Table(table) => from_table(table, line, lines),
        Item::ArrayOfTables(array) => Node {
            line,
            kind: NodeKind::Array(
                array
                    .iter()
                    .map(|table| from_table(table, line, lines))
                    .collect(),
            ),
        },
    }
}

fn from_value(value: &Value, line: usize, lines: &Lines) -> Node {
    let line = line_of(value.span(), line, lines);
    let kind = match value {
        Value::String(s) => NodeKind::Str(s.value().clone()),
        Value::Integer(i) => NodeKind::Int(*i.value()),
        Value::Float(f) => NodeKind::Float(*f.value()),
        Value::Boolean(b) => NodeKind::Bool(*b.value()),
        Value::Datetime(_) => NodeKind::Other("a date"),
        Value::Array(array) => NodeKind::Array(
            array
                .iter()
                .map(|v| from_value(v, line, lines))
                .collect(),
        ),
        Value::InlineTable(table) => NodeKind::Table(
            table
                .iter()
                .filter_map(|(key, _)| {
                    let (k, item) = table.get_key_value(key)?;
                    let at = line_of(k.span(), line, lines);
                    Some((key.to_owned(), from_item(item, at, lines)))
                })
                .collect(),
        ),
    };
    Node { line, kind }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_know_their_lines() {
        let text = "a = 1\n\n[t]\nb = \"x\"\nc = { d = true }\n[[e]]\nf = 2.5\n[[e]]\nf = 3\n";
        let doc = toml_edit::Document::parse(text.to_owned()).unwrap();
        let lines = Lines::new(text);
        let root = from_document(&doc, &lines);
        assert_eq!(root.get("a").unwrap().line, 1);
        let t = root.get("t").unwrap();
        assert_eq!(t.get("b").unwrap().line, 4);
        assert_eq!(t.get("c").unwrap().get("d").unwrap().line, 5);
        let NodeKind::Array(es) = &root.get("e").unwrap().kind else {
            panic!("array of tables")
        };
        assert_eq!(es[0].get("f").unwrap().line, 7);
        assert_eq!(es[1].get("f").unwrap().line, 9);
        assert_eq!(es[1].line, 8);
    }
}
