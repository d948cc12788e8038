//! The gallery of images and the confusion matrix: well-formed, every word the caller gave, the
//! same bytes every time, and errors for what cannot be drawn.

use super::tests::{texts, well_formed};
use super::*;
use crate::error::Error;

/// A 3 × 3 "image": a diagonal stroke.
const STROKE: [f64; 9] = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.5];

fn matrix() -> Vec<Vec<usize>> {
    vec![vec![5, 1, 0], vec![0, 7, 2], vec![0, 0, 9]]
}

const CLASSES: [&str; 3] = ["a", "b", "c"];

fn words() -> Words<'static> {
    Words {
        title: "Three classes",
        labels: &["its answer", "the truth"],
        decimal_mark: ".",
    }
}

fn title(title: &'static str) -> Words<'static> {
    Words {
        title,
        labels: &[],
        decimal_mark: ".",
    }
}

#[test]
fn the_gallery_shows_each_image_with_its_caption() {
    let tiles: Vec<(&[f64], &str)> = (0..12).map(|_| (&STROKE[..], "7 → 1")).collect();
    let figure = digit_gallery(&tiles, &title("Twelve strokes")).unwrap();
    well_formed(figure.svg()).unwrap();
    assert_eq!(figure.name(), "digits");
    let found = texts(figure.svg());
    assert_eq!(found.iter().filter(|t| *t == "7 → 1").count(), 12);
    assert!(found.iter().any(|t| t == "Twelve strokes"));
    // Black for 16, white for 0, a grey between for 8.
    assert!(figure.svg().contains("#212121"));
    assert_eq!(
        figure,
        digit_gallery(&tiles, &title("Twelve strokes")).unwrap()
    );
}

#[test]
fn the_confusion_matrix_shows_counts_classes_and_axes() {
    let figure = confusion_matrix(&matrix(), &CLASSES, &words()).unwrap();
    well_formed(figure.svg()).unwrap();
    assert_eq!(figure.name(), "confusion-matrix");
    let found = texts(figure.svg());
    for text in [
        "Three classes",
        "its answer",
        "the truth",
        "a",
        "b",
        "c",
        "5",
        "7",
        "9",
        "2",
    ] {
        assert!(found.iter().any(|t| t == text), "no {text:?} in {found:?}");
    }
    // A zero count is left blank.
    assert!(!found.iter().any(|t| t == "0"), "{found:?}");
}

#[test]
fn what_cannot_be_drawn_is_an_error() {
    let refused =
        |result: Result<Figure, Error>, figure: &str, item: usize, found: usize| match result {
            Err(Error::PlotData {
                figure: f,
                index,
                found: good,
                ..
            }) => assert_eq!((f, index, good), (figure, item, found)),
            other => panic!("{other:?} is not a refusal of {figure}"),
        };
    assert!(digit_gallery(&[], &title("nothing yet")).is_ok());
    let eight = [0.0; 8];
    refused(digit_gallery(&[(&eight, "x")], &title("t")), "digits", 0, 8);
    let four = [0.0; 4];
    let two = [(&STROKE[..], "x"), (&four[..], "y")];
    refused(digit_gallery(&two, &title("t")), "digits", 1, 4);
    let mut bad = STROKE;
    bad[3] = f64::NAN;
    bad[4] = 16.0; // the digits' scale, not divided by 16
    let two = [(&STROKE[..], "x"), (&bad[..], "y")];
    refused(digit_gallery(&two, &title("t")), "digits", 1, 7);
    refused(
        confusion_matrix(&[], &CLASSES, &words()),
        "confusion-matrix",
        0,
        0,
    );
    let ragged = vec![vec![1, 2, 3], vec![1, 2], vec![1, 2, 3]];
    refused(
        confusion_matrix(&ragged, &CLASSES, &words()),
        "confusion-matrix",
        1,
        2,
    );
    refused(
        confusion_matrix(&matrix(), &CLASSES[..2], &words()),
        "confusion-matrix",
        3,
        2,
    );
    let one_label = Words {
        labels: &["its answer"],
        ..words()
    };
    assert!(matches!(
        confusion_matrix(&matrix(), &CLASSES, &one_label),
        Err(Error::PlotWords {
            expected: 2,
            found: 1,
            ..
        })
    ));
}
