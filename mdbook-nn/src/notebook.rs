//! Jupyter notebooks (nbformat 4.5) as serde types, read and written the way Jupyter writes
//! them: keys sorted, one space of indent, a trailing newline.

use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// A notebook. Fields are declared in sorted order, as Jupyter writes them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notebook {
    pub cells: Vec<Cell>,
    pub metadata: Value,
    pub nbformat: u32,
    pub nbformat_minor: u32,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub cell_type: CellType,
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    pub execution_count: Option<Value>,
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub metadata: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs: Option<Vec<Value>>,
    #[serde(with = "multiline")]
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellType {
    Markdown,
    Code,
}

/// Jupyter's tag for a cell that is expected to raise (here: to panic).
pub const PANICS_TAG: &str = "raises-exception";

impl Cell {
    /// A Markdown cell.
    pub fn markdown(source: String) -> Cell {
        Cell::new(CellType::Markdown, source, None, None)
    }

    /// A code cell that has not run; `panics` tags it `raises-exception`.
    pub fn code(source: String, panics: bool) -> Cell {
        let mut cell = Cell::new(CellType::Code, source, Some(Value::Null), Some(Vec::new()));
        if panics {
            cell.metadata.insert("tags".into(), json!([PANICS_TAG]));
        }
        cell
    }

    fn new(
        cell_type: CellType,
        source: String,
        count: Option<Value>,
        outputs: Option<Vec<Value>>,
    ) -> Cell {
        Cell {
            cell_type,
            execution_count: count,
            id: String::new(),
            metadata: Map::new(),
            outputs,
            source,
        }
    }

    /// Whether the cell must panic.
    pub fn panics(&self) -> bool {
        self.metadata
            .get("tags")
            .and_then(Value::as_array)
            .is_some_and(|t| t.iter().any(|t| t == PANICS_TAG))
    }

    /// The cell's outputs (none for Markdown).
    pub fn outputs(&self) -> &[Value] {
        self.outputs.as_deref().unwrap_or(&[])
    }
}

/// A field that is there, even as `null` (serde reads `null` into `None` otherwise).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// A multi-line string stored as Jupyter does: a list of lines, each but the last ending in `\n`
/// (reading accepts one string too).
pub mod multiline {
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::Value;

    pub fn serialize<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(text.split_inclusive('\n'))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(super::joined(&Value::deserialize(d)?))
    }
}

/// A multi-line field (a string or a list of strings) as one string.
pub fn joined(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
}

/// A text as Jupyter stores it: the list of its lines.
pub fn split(text: &str) -> Value {
    text.split_inclusive('\n').map(|l| Value::String(l.into())).collect()
}

/// The metadata of our notebooks: the evcxr kernel.
pub fn rust_metadata() -> Value {
    json!({
        "kernelspec": {"display_name": "Rust", "language": "rust", "name": "rust"},
        "language_info": {
            "codemirror_mode": "rust", "file_extension": ".rs", "mimetype": "text/rust",
            "name": "Rust", "pygment_lexer": "rust", "version": "",
        },
    })
}

impl Notebook {
    /// A notebook of `cells`, with deterministic ids: a hash of the cell's type and source
    /// (`-2`, `-3`... for repeated cells), so regenerating gives identical bytes.
    pub fn new(mut cells: Vec<Cell>) -> Notebook {
        let mut seen = std::collections::HashMap::new();
        for cell in &mut cells {
            let kind = match cell.cell_type {
                CellType::Markdown => "markdown",
                CellType::Code => "code",
            };
            let mut bytes = kind.as_bytes().to_vec();
            bytes.push(0);
            bytes.extend_from_slice(cell.source.as_bytes());
            let id = format!("{:08x}", fnv1a(&bytes) >> 32);
            let n = seen.entry(id.clone()).and_modify(|n| *n += 1).or_insert(1);
            cell.id = if *n == 1 { id } else { format!("{id}-{n}") };
        }
        Notebook { cells, metadata: rust_metadata(), nbformat: 4, nbformat_minor: 5 }
    }

    /// Reads a notebook; `None` when the file does not exist.
    pub fn read(path: &Path) -> Result<Option<Notebook>> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text)
                .with_context(|| format!("{}: not a notebook", path.display()))
                .map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// The JSON text, as Jupyter writes it.
    pub fn to_text(&self) -> String {
        // Through `Value`, whose maps are sorted, then serde_json's pretty printer at one space.
        let value = serde_json::to_value(self).expect("a notebook is JSON");
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            serde_json::ser::PrettyFormatter::with_indent(b" "),
        );
        value.serialize(&mut ser).expect("JSON values serialise");
        String::from_utf8(out).expect("serde_json writes UTF-8") + "\n"
    }
}

/// 64-bit FNV-1a: stable across runs and platforms.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_as_jupyter_does_and_reads_back() {
        let nb = Notebook::new(vec![
            Cell::markdown("# Title\ntext".into()),
            Cell::code("f()".into(), true),
        ]);
        let text = nb.to_text();
        assert!(
            text.starts_with("{\n \"cells\": [\n  {\n   \"cell_type\": \"markdown\",\n"),
            "{text}"
        );
        assert!(text.contains("\"source\": [\n    \"# Title\\n\",\n    \"text\"\n   ]"), "{text}");
        assert!(
            text.contains("\"metadata\": {\n    \"tags\": [\n     \"raises-exception\"\n    ]"),
            "{text}"
        );
        assert!(text.contains("\"outputs\": []") && text.ends_with("}\n"));
        let dir = std::env::temp_dir().join(format!("xtask-nb-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.ipynb"), &text).unwrap();
        let back = Notebook::read(&dir.join("a.ipynb")).unwrap().unwrap();
        assert_eq!(back.to_text(), text);
        assert!(back.cells[1].panics() && !back.cells[0].panics());
        assert!(Notebook::read(&dir.join("none.ipynb")).unwrap().is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
