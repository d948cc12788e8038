//! The preprocessors `math-in` and `math-out`, around gettext: they carry the chapters' math
//! through the translation unchanged.
//!
//! mdbook-i18n-helpers 0.4 reads Markdown without pulldown-cmark's math extension, so to it a
//! formula is text: it takes `\,` for an escaped comma, and writes the translated chapter back
//! with Markdown's escapes added (`\[`, `\_`, a doubled backslash at the start of a line), which
//! KaTeX then typesets wrongly. Code spans, though, it keeps byte for byte. So `math-in` (before
//! gettext, and for the `xgettext` renderer that extracts the messages) turns every `$...$` and
//! `$$...$$` into a code span `` `$...$` ``, which is also how a translator sees it in
//! `po/ru.po`; `math-out` (after gettext) turns those code spans back into math for KaTeX and
//! the notebooks. The English book, which gettext leaves alone, skips both.
//!
//! `math-out` also puts a translation's includes of the exercises' files (`exercises/src/`, our
//! solutions) in place itself, before `links` would read them, with their comments and strings
//! translated by the same catalog ([`crate::exercises`]).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use anyhow::{Result, bail};
use mdbook_preprocessor::book::BookItem;
use pulldown_cmark::{Event, Parser};

use crate::chapter;
use crate::exercises::include_translated;
use crate::language;

/// `text` with each formula as a code span of its source (`$x$` becomes `` `$x$` ``); `name`
/// is for messages. A code span that already looks like one is an error: `math-out` would turn
/// it into math.
pub fn protect(name: &str, text: &str) -> Result<String> {
    let mut spans: Vec<(Range<usize>, String)> = Vec::new();
    for (event, range) in Parser::new_ext(text, chapter::options()).into_offset_iter() {
        match event {
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                let source = &text[range.clone()];
                let longest = source.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest + 1);
                spans.push((range, format!("{fence}{source}{fence}")));
            }
            Event::Code(code) if is_math(&code) => bail!(
                "{name}:{}: the code span `{code}` would be read as math after translation: \
                 write it without the surrounding `$`",
                chapter::line_of(text, range.start)
            ),
            _ => {}
        }
    }
    Ok(replaced(text, spans))
}

/// `text` with each code span `` `$...$` `` as the formula it holds.
pub fn restore(text: &str) -> String {
    let spans = Parser::new(text)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Code(code) if is_math(&code) => Some((range, code.to_string())),
            _ => None,
        })
        .collect();
    replaced(text, spans)
}

fn is_math(code: &str) -> bool {
    code.len() >= 3 && code.starts_with('$') && code.ends_with('$')
}

/// `text` with each range (in order, not overlapping) replaced.
fn replaced(text: &str, spans: Vec<(Range<usize>, String)>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for (range, with) in spans {
        out.push_str(&text[pos..range.start]);
        out.push_str(&with);
        pos = range.end;
    }
    out + &text[pos..]
}

/// Runs `math-in` (`restore` false) or `math-out` on the book mdBook writes to our stdin; both
/// leave the English book as it is, and `math-in` also works for the `xgettext` renderer.
pub fn main(restoring: bool) -> Result<()> {
    let (ctx, mut book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())?;
    let language = language::of(ctx.config.book.language.as_deref())?;
    let active = language.code != "en" || (!restoring && ctx.renderer == "xgettext");
    let mut result = Ok(());
    if active {
        let po = language::po_dir().join(format!("{}.po", language.code));
        let catalog = match restoring {
            true => Some(catalog::parse(&po).map_err(|e| anyhow::anyhow!(e))?),
            false => None,
        };
        let po = format!("po/{}.po", language.code);
        let src = ctx.root.join(&ctx.config.book.src);
        let mut cache = HashMap::new();
        book.for_each_mut(|item| {
            if let (BookItem::Chapter(ch), Ok(())) = (item, &result) {
                let path = ch.source_path.clone().unwrap_or_default();
                let name = format!("book/src/{}", path.display());
                let text = match &catalog {
                    Some(catalog) => {
                        let dir = src.join(path.parent().unwrap_or(Path::new("")));
                        let text = restore(&ch.content);
                        include_translated(&name, &text, &dir, catalog, &po, &mut cache)
                    }
                    None => protect(&name, &ch.content),
                };
                match text {
                    Ok(text) => ch.content = text,
                    Err(e) => result = Err(e),
                }
            }
        });
    }
    result?;
    serde_json::to_writer(std::io::stdout().lock(), &book)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn math_goes_through_code_spans_and_back() {
        let md = "With $w_5 \\, f'(0.0948)$ and $[0, 1]$:\n\n$$\n\\frac{\\partial L}{\\partial w_1} \\\\ x_{\\text{pred}}\n$$\n\nKeep `code` and `$$` alone.\n";
        let protected = protect("t.md", md).unwrap();
        assert_eq!(
            protected,
            "With `$w_5 \\, f'(0.0948)$` and `$[0, 1]$`:\n\n`$$\n\\frac{\\partial L}{\\partial w_1} \\\\ x_{\\text{pred}}\n$$`\n\nKeep `code` and `$$` alone.\n"
        );
        // In a code span a line break reads as a space: the display formula comes back on one line.
        assert_eq!(
            restore(&protected),
            "With $w_5 \\, f'(0.0948)$ and $[0, 1]$:\n\n$$ \\frac{\\partial L}{\\partial w_1} \\\\ x_{\\text{pred}} $$\n\nKeep `code` and `$$` alone.\n"
        );
        assert!(protect("t.md", "A span `$x$` that looks like math.\n").is_err());
    }
}
