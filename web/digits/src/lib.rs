//! The softmax chapter's "draw a digit": the reader's strokes reduced to the data set's form, and
//! the chapter's trained network answering with ten probabilities, in the reader's browser
//! (`book/src/playground/digits.js` wires the page to it; `cargo xtask book` compiles it).
//!
//! A package of its own beside the playground's `nn-web`: the chapter's page loads this small
//! module only, and the playground's WebAssembly stays as it was (both stay under the book's
//! size limit, `xtask/src/web.rs`). Like `nn-web`, it computes nothing of its own beyond putting
//! the strokes on a bitmap: no forward pass, activation or softmax but the library's.
//!
//! The UCI "Optical Recognition of Handwritten Digits" images were made by NIST's programs: each
//! handwritten digit scaled, keeping its proportions, until it filled a 32x32 bitmap, then the
//! bitmap cut into 4x4 blocks and each block's ink counted (0 to 16), giving 8x8 cells. A drawing
//! goes through the same steps here, from its pen strokes rather than from its pixels: the
//! strokes' bounding box is scaled (proportions kept) until its longer side spans [`SPAN`] of
//! the 32 pixels, and centred; the strokes are drawn again on the 32x32 bitmap with one pen
//! ([`PEN_RADIUS`]), so a digit drawn small or large, with a thin or thick line, gives the same
//! cells; each block's ink pixels are counted.
//!
//! The answer is the library's: the chapter's model file is read by the library
//! ([`Classifier::from_json`]), and the probabilities are its [`Classifier::probabilities`] (the
//! model's scaling of the inputs, the network's forward pass, the softmax).

use nn_from_scratch::Error;
use nn_from_scratch::classifier::Classifier;
use wasm_bindgen::prelude::*;

/// The side of the bitmap a digit is drawn on, in pixels.
pub const BITMAP: usize = 32;
/// The side of the block whose ink one cell counts, in pixels: a cell is 0 to `BLOCK²`.
pub const BLOCK: usize = 4;
/// The cells on a side: the data set's 8x8.
pub const CELLS: usize = BITMAP / BLOCK;
/// The pen's radius on the bitmap, in pixels: a pixel is ink when its centre is this close to a
/// stroke (a stroke is 5.5 pixels wide). Chosen with [`SPAN`] so that a drawn digit holds about
/// as much ink as the data set's, about 310 of the 1,024 pixels: the ten digits of
/// `tests/digit_strokes.json` hold 305 on average.
pub const PEN_RADIUS: f64 = 2.75;
/// The length, in pixels, the longer side of a drawing's strokes is scaled to: with the pen on
/// both ends its ink spans 29.5 of the 32 pixels, reaching the top and bottom rows of cells as
/// the data set's digits do. (Tried against networks trained on the data set: with 25 or more, or
/// with a pen of radius 2, they read the drawn 1 of `tests/digit_strokes.json` as a 3.)
pub const SPAN: f64 = 24.0;

/// A drawing's pen strokes reduced to the data set's 8x8 cells, row by row from the top left,
/// each the count of ink pixels (0 to 16) in its 4x4 block of the 32x32 bitmap.
///
/// `strokes` is the points of every stroke as `x, y` pairs in any unit (the page's pixels), `y`
/// down, strokes separated by a pair of NaN; a stroke of one point is a dot. Points that are not
/// finite other than the separators are skipped. Nothing drawn gives an empty vector.
#[wasm_bindgen]
pub fn digit_cells(strokes: &[f64]) -> Vec<f64> {
    let paths = split(strokes);
    if paths.is_empty() {
        return Vec::new();
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in paths.iter().flatten() {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    // The longer side is scaled to SPAN, the box centred.
    let span = (x1 - x0).max(y1 - y0);
    let scale = if span > 0.0 { SPAN / span } else { 1.0 };
    let half = BITMAP as f64 / 2.0;
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let placed: Vec<Vec<(f64, f64)>> = paths
        .iter()
        .map(|p| {
            p.iter()
                .map(|&(x, y)| (half + (x - cx) * scale, half + (y - cy) * scale))
                .collect()
        })
        .collect();
    let mut cells = vec![0.0; CELLS * CELLS];
    for row in 0..BITMAP {
        for col in 0..BITMAP {
            let centre = (col as f64 + 0.5, row as f64 + 0.5);
            if placed.iter().any(|p| near(p, centre, PEN_RADIUS)) {
                cells[(row / BLOCK) * CELLS + col / BLOCK] += 1.0;
            }
        }
    }
    cells
}

/// The strokes of the flat `x, y, x, y, NaN, NaN, x, y, ...` form, each a list of finite points;
/// empty strokes left out.
fn split(flat: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut paths = vec![Vec::new()];
    for pair in flat.chunks_exact(2) {
        let (x, y) = (pair[0], pair[1]);
        if x.is_nan() && y.is_nan() {
            paths.push(Vec::new());
        } else if x.is_finite() && y.is_finite() {
            paths.last_mut().expect("one path at least").push((x, y));
        }
    }
    paths.retain(|p| !p.is_empty());
    paths
}

/// Whether `point` is within `radius` of the path through `path`'s points (a lone point: of it).
fn near(path: &[(f64, f64)], point: (f64, f64), radius: f64) -> bool {
    let segments = path.windows(2).map(|w| (w[0], w[1]));
    let first = std::iter::once((path[0], path[0]));
    first
        .chain(segments)
        .any(|(a, b)| squared_distance_to_segment(point, a, b) <= radius * radius)
}

/// The square of the distance from `p` to the segment from `a` to `b`.
fn squared_distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (ex, ey) = (p.0 - a.0 - t * dx, p.1 - a.1 - t * dy);
    ex * ex + ey * ey
}

/// The chapter's trained network, in the page: its probabilities for a drawing's cells.
#[wasm_bindgen]
pub struct Digits {
    classifier: Classifier,
}

#[wasm_bindgen]
impl Digits {
    /// The classifier of a model file's text (JSON, as the trainer saves it), read and checked
    /// by the library; fails unless it takes the data set's 64 cells.
    #[wasm_bindgen(constructor)]
    pub fn new(model: &str) -> Result<Digits, JsError> {
        let classifier = Classifier::from_json(model).map_err(js)?;
        let width = classifier.network.input_width();
        if width != CELLS * CELLS {
            return Err(JsError::new(&format!(
                "the model takes {width} features, not the 64 cells of an 8x8 digit"
            )));
        }
        Ok(Digits { classifier })
    }

    /// The names of the classes, in the order of [`Digits::probabilities`].
    pub fn classes(&self) -> Vec<String> {
        self.classifier.classes.clone()
    }

    /// Each class's probability for a drawing's 64 cells ([`digit_cells`]): the model's scaling,
    /// then the library's forward pass and softmax.
    pub fn probabilities(&self, cells: &[f64]) -> Result<Vec<f64>, JsError> {
        self.classifier.probabilities(&[cells.to_vec()]).map_err(js)
    }
}

/// Turns the library's error into a JavaScript `Error` with the same message.
fn js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells as 8 lines of 8 numbers, for failure messages.
    fn show(cells: &[f64]) -> String {
        cells
            .chunks(CELLS)
            .map(|r| format!("{r:?}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn nothing_drawn_gives_no_cells() {
        assert!(digit_cells(&[]).is_empty());
        assert!(digit_cells(&[f64::NAN, f64::NAN, f64::NAN, f64::NAN]).is_empty());
        assert!(digit_cells(&[f64::INFINITY, 3.0, 1.0]).is_empty());
    }

    #[test]
    fn a_vertical_stroke_fills_the_middle_columns_top_to_bottom() {
        let cells = digit_cells(&[100.0, 20.0, 100.0, 220.0]);
        assert_eq!(cells.len(), 64);
        for (i, &c) in cells.iter().enumerate() {
            let col = i % CELLS;
            assert!(
                (0.0..=16.0).contains(&c) && c.fract() == 0.0,
                "{}",
                show(&cells)
            );
            assert_eq!(c > 0.0, col == 3 || col == 4, "{}", show(&cells));
        }
        // Every row has ink: the stroke's length fills the bitmap's height.
        for row in cells.chunks(CELLS) {
            assert!(row[3] + row[4] >= 4.0, "{}", show(&cells));
        }
    }

    #[test]
    fn size_and_place_do_not_matter_and_separators_split_strokes() {
        // A "7": a bar and a diagonal, then a dot.
        let seven = [
            10.0,
            10.0,
            50.0,
            10.0,
            25.0,
            70.0,
            f64::NAN,
            f64::NAN,
            30.0,
            40.0,
        ];
        let moved: Vec<f64> = seven
            .chunks(2)
            .flat_map(|p| [300.0 + 4.0 * p[0], 90.0 + 4.0 * p[1]])
            .collect();
        assert_eq!(digit_cells(&seven), digit_cells(&moved));
        let joined = [10.0, 10.0, 50.0, 10.0, 25.0, 70.0, 30.0, 40.0];
        assert_ne!(digit_cells(&seven), digit_cells(&joined));
    }

    #[test]
    fn a_dot_is_a_small_blot_in_the_middle() {
        let cells = digit_cells(&[5.0, 5.0]);
        let ink: f64 = cells.iter().sum();
        // The pixels within the pen's radius of the centre, all in the four middle cells.
        assert!((4.0..=36.0).contains(&ink), "{}", show(&cells));
        for (i, &c) in cells.iter().enumerate() {
            let (row, col) = (i / CELLS, i % CELLS);
            assert!(c == 0.0 || ((3..=4).contains(&row) && (3..=4).contains(&col)));
        }
    }
}
