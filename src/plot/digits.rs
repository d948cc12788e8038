//! Small square images (the handwritten digits, 8 × 8 pixels) as a gallery, each with a caption,
//! and the confusion matrix of a classifier with any number of classes.
//!
//! Every word these figures show is the caller's: the [`Words`] (title, axes), the captions and
//! the class names. A chapter passes string literals, which its translation translates.

use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{ACCENT, CURVE, GREY, INK, at, font, render, stroke, text_width};
use super::{Figure, Words};
use crate::error::Error;

/// The most images one gallery shows in a row.
const GALLERY_COLUMNS: usize = 10;
/// The side of one image in a gallery, in displayed pixels.
const TILE: i32 = 52;
/// The room under an image for its caption, in displayed pixels.
const CAPTION: i32 = 22;
/// The room between two images, in displayed pixels.
const GAP: i32 = 10;
/// The room above the images for the title, in displayed pixels.
const TITLE: i32 = 40;

/// The pixels' side of a square image of `n` pixels, if `n` is a square.
fn side(n: usize) -> Option<usize> {
    let s = (n as f64).sqrt().round() as usize;
    (s > 0 && s * s == n).then_some(s)
}

/// A grey from white (`t = 0`) to the ink colour (`t = 1`).
fn grey(t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |c: u8| (255.0 + (f64::from(c) - 255.0) * t).round() as u8;
    RGBColor(mix(INK.0), mix(INK.1), mix(INK.2))
}

/// A gallery of square images (such as the 8 × 8 handwritten digits), up to ten in a row, each
/// with its caption under it: `tiles` is each image's pixels, row by row from the top left, and
/// its caption. A pixel of 0 is white, one of 1 black, and values between are greys (the digits'
/// 0 to 16, divided by 16). `words` is the title, with no labels. The figure is named `"digits"`;
/// rename it with [`Figure::with_name`].
///
/// Fails with [`Error::PlotData`] when an image is not square, not the size of the first, or has
/// a pixel that is not a number from 0 to 1.
pub fn digit_gallery(tiles: &[(&[f64], &str)], words: &Words) -> Result<Figure, Error> {
    // The figure's name, as its labels and its errors give it.
    let (figure, []) = ("digits", words.labels("digits")?);
    let first = tiles.first().map_or(0, |(pixels, _)| pixels.len());
    let n = side(first).unwrap_or(0);
    for (index, (pixels, _)) in tiles.iter().enumerate() {
        let good = pixels.iter().filter(|v| (0.0..=1.0).contains(*v)).count();
        if n == 0 || pixels.len() != n * n || good != n * n {
            let expected = side(first)
                .map_or(((first as f64).sqrt().round() as usize + 1).pow(2), |n| {
                    n * n
                });
            return Err(Error::PlotData {
                figure,
                index,
                found: good,
                expected,
            });
        }
    }
    let columns = tiles.len().min(GALLERY_COLUMNS);
    let rows = tiles.len().div_ceil(GALLERY_COLUMNS);
    let cell = TILE + GAP;
    let width = (columns as i32 * cell + GAP).max(320);
    let height = TITLE + rows as i32 * (TILE + CAPTION + GAP);
    let left = (width - columns as i32 * cell + GAP) / 2;
    render(figure, (width as u32, height as u32), |root| {
        root.draw(&Text::new(
            words.title.to_string(),
            at((width / 2, 12)),
            font(16.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        let pixel = TILE as f64 / n as f64;
        for (k, (pixels, caption)) in tiles.iter().enumerate() {
            let x0 = left + (k % GALLERY_COLUMNS) as i32 * cell;
            let y0 = TITLE + (k / GALLERY_COLUMNS) as i32 * (TILE + CAPTION + GAP);
            for (i, &v) in pixels.iter().enumerate() {
                let (r, c) = ((i / n) as f64, (i % n) as f64);
                let corner = |a: f64, b: f64| {
                    at((
                        x0 + (b * pixel).round() as i32,
                        y0 + (a * pixel).round() as i32,
                    ))
                };
                root.draw(&Rectangle::new(
                    [corner(r, c), corner(r + 1.0, c + 1.0)],
                    grey(v).filled(),
                ))?;
            }
            root.draw(&Rectangle::new(
                [at((x0, y0)), at((x0 + TILE, y0 + TILE))],
                stroke(GREY, 1),
            ))?;
            root.draw(&Text::new(
                caption.to_string(),
                at((x0 + TILE / 2, y0 + TILE + 4)),
                font(12.0).pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
        }
        Ok(())
    })
}

/// The confusion matrix of a classifier: `counts[t][a]` is how many samples of true class `t` it
/// answered `a`. Each cell shows its count, shaded by the share of its row (its true class) it
/// holds: the diagonal (right answers) in blue, the mistakes in vermillion. `classes` names
/// each class, in the order of the matrix; `words` is the title and two labels: what the columns
/// are (the answers, under the matrix) and what the rows are (the true classes, on its left).
/// The figure is named `"confusion-matrix"`; rename it with [`Figure::with_name`].
///
/// Fails with [`Error::PlotData`] when the matrix is empty or not square, or when `classes` does
/// not name each of its classes.
pub fn confusion_matrix(
    counts: &[Vec<usize>],
    classes: &[&str],
    words: &Words,
) -> Result<Figure, Error> {
    let (figure, [answers, truths]) = ("confusion-matrix", words.labels("confusion-matrix")?);
    let k = counts.len();
    let wrong_row = counts.iter().position(|row| row.len() != k);
    let bad = match (k, wrong_row) {
        (0, _) => Some((0, 0)),
        (_, Some(row)) => Some((row, counts[row].len())),
        _ if classes.len() != k => Some((k, classes.len())),
        _ => None,
    };
    if let Some((index, found)) = bad {
        return Err(Error::PlotData {
            figure,
            index,
            found,
            expected: k.max(1),
        });
    }
    let cell = (360 / k as i32).clamp(16, 48);
    let side = cell * k as i32;
    // The matrix in the middle, with room on the left for the class names and the description.
    let width = (side + 240).max(640);
    let (left, top) = ((width - side) / 2 + 30, 48);
    let size = (width as u32, (top + side + 64) as u32);
    render(figure, size, |root| {
        root.draw(&Text::new(
            words.title.to_string(),
            at((size.0 as i32 / 2, 12)),
            font(16.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        let count_size = (f64::from(cell) * 0.34).clamp(9.0, 14.0);
        for (t, row) in counts.iter().enumerate() {
            let total: usize = row.iter().sum();
            for (a, &n) in row.iter().enumerate() {
                let (x, y) = (left + a as i32 * cell, top + t as i32 * cell);
                let share = if total == 0 {
                    0.0
                } else {
                    n as f64 / total as f64
                };
                let hue = if t == a { CURVE } else { ACCENT };
                // Any mistake at all gets a visible tint; a full row is the hue itself.
                let strength = if n == 0 { 0.0 } else { 0.12 + 0.88 * share };
                let mix = |c: u8| (255.0 + (f64::from(c) - 255.0) * strength).round() as u8;
                let fill = RGBColor(mix(hue.0), mix(hue.1), mix(hue.2));
                root.draw(&Rectangle::new(
                    [at((x, y)), at((x + cell, y + cell))],
                    fill.filled(),
                ))?;
                root.draw(&Rectangle::new(
                    [at((x, y)), at((x + cell, y + cell))],
                    stroke(RGBColor(225, 225, 225), 1),
                ))?;
                if n > 0 {
                    let ink = if strength > 0.6 { WHITE } else { INK };
                    root.draw(&Text::new(
                        n.to_string(),
                        at((x + cell / 2, y + cell / 2)),
                        font(count_size)
                            .color(&ink)
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    ))?;
                }
            }
        }
        root.draw(&Rectangle::new(
            [at((left, top)), at((left + side, top + side))],
            stroke(GREY, 1),
        ))?;
        let label = font(13.0);
        for (i, name) in classes.iter().enumerate() {
            let middle = i as i32 * cell + cell / 2;
            root.draw(&Text::new(
                name.to_string(),
                at((left + middle, top + side + 6)),
                label.clone().pos(Pos::new(HPos::Center, VPos::Top)),
            ))?;
            root.draw(&Text::new(
                name.to_string(),
                at((left - 8, top + middle)),
                label.clone().pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        let desc = font(14.0);
        root.draw(&Text::new(
            answers.to_string(),
            at((left + side / 2, top + side + 30)),
            desc.clone().pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        let widest = classes.iter().map(|c| text_width(c, 13.0)).max();
        root.draw(&Text::new(
            truths.to_string(),
            at((left - 20 - widest.unwrap_or(0), top + side / 2)),
            desc.transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))?;
        Ok(())
    })
}
