//! The words of a figure, given by its caller: this module writes no human language. The book's
//! chapters pass them as string literals, which the translation catalog (`po/`) translates, so
//! the same function draws the figure of every edition; the playground passes the words of its
//! page.

use crate::error::Error;

/// What a figure writes: its title, its other words in the order its function documents (axes,
/// legend entries, notes), and how it writes a decimal number.
///
/// A word may hold `{}` placeholders where the figure puts a number (`"epoch {}: loss {}"`),
/// which it writes with [`Words::decimal_mark`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words<'a> {
    /// The title over the figure.
    pub title: &'a str,
    /// The figure's other words, in the order its function lists them.
    pub labels: &'a [&'a str],
    /// The mark between the whole part and the fraction of a number: `"."` in English, `","`
    /// in Russian.
    pub decimal_mark: &'a str,
}

impl<'a> Words<'a> {
    /// The labels, checked against the number `figure` needs; an error names the figure, the
    /// number it needs and the number given.
    pub(super) fn labels<const N: usize>(
        &self,
        figure: &'static str,
    ) -> Result<[&'a str; N], Error> {
        let found = self.labels.len();
        let mark_ok = self.decimal_mark.chars().count() == 1;
        match <[&'a str; N]>::try_from(self.labels) {
            Ok(labels) if mark_ok => Ok(labels),
            _ => Err(Error::PlotWords {
                figure,
                expected: N,
                found,
                decimal_mark: self.decimal_mark.to_string(),
            }),
        }
    }

    /// `v` with `decimals` decimals (or as few as it needs, `None`), with this figure's decimal
    /// mark.
    pub fn number(&self, v: f64, decimals: Option<usize>) -> String {
        let text = match decimals {
            Some(d) => format!("{v:.d$}"),
            None => format!("{}", (v * 1e6).round() / 1e6 + 0.0),
        };
        text.replace('.', self.decimal_mark)
    }

    /// `template` with each `{}` replaced, in order, by the next of `values`.
    pub fn fill(template: &str, values: &[String]) -> String {
        let mut out = String::with_capacity(template.len());
        let mut values = values.iter();
        let mut rest = template;
        while let Some(at) = rest.find("{}") {
            out.push_str(&rest[..at]);
            out.push_str(values.next().map_or("{}", String::as_str));
            rest = &rest[at + 2..];
        }
        out.push_str(rest);
        out
    }
}
