//! The gallery of images and the confusion matrix: well-formed, every word the caller gave, the
//! same bytes every time, and errors for what cannot be drawn.

use super::tests::{texts, well_formed};
use super::*;
use crate::error::Error;

/// A 3 × 3 "image": a diagonal stroke.
const STROKE: [f64; 9] = [16.0, 0.0, 0.0, 0.0, 16.0, 0.0, 0.0, 0.0, 8.0];

fn matrix() -> Vec<Vec<usize>> {
    vec![vec![5, 1, 0], vec![0, 7, 2], vec![0, 0, 9]]
}

const CLASSES: [&str; 3] = ["a", "b", "c"];

fn words() -> ConfusionWords<'static> {
    ConfusionWords {
        title: "Three classes",
        answers: "its answer",
        truths: "the truth",
        classes: &CLASSES,
    }
}

#[test]
fn the_gallery_shows_each_image_with_its_caption() {
    let tiles: Vec<(&[f64], &str)> = (0..12).map(|_| (&STROKE[..], "7 → 1")).collect();
    let figure = digit_gallery(&tiles, 16.0, "Twelve strokes").unwrap();
    well_formed(figure.svg()).unwrap();
    assert_eq!(figure.name(), "digits");
    let found = texts(figure.svg());
    assert_eq!(found.iter().filter(|t| *t == "7 → 1").count(), 12);
    assert!(found.iter().any(|t| t == "Twelve strokes"));
    // Black for 16, white for 0, a grey between for 8.
    assert!(figure.svg().contains("#212121"));
    assert_eq!(
        figure,
        digit_gallery(&tiles, 16.0, "Twelve strokes").unwrap()
    );
}

#[test]
fn the_confusion_matrix_shows_counts_classes_and_axes() {
    let figure = confusion_matrix(&matrix(), words()).unwrap();
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
    let refused = |result: Result<Figure, Error>, figure: &str, words: &str| match result {
        Err(Error::Draw { figure: f, message }) => {
            assert_eq!(f, figure);
            assert!(message.contains(words), "{message:?} has no {words:?}");
        }
        other => panic!("{other:?} is not a refusal of {figure}"),
    };
    refused(digit_gallery(&[], 16.0, "t"), "digits", "no image");
    let eight = [0.0; 8];
    refused(
        digit_gallery(&[(&eight, "x")], 16.0, "t"),
        "digits",
        "image 0 has 8 pixels",
    );
    let four = [0.0; 4];
    let two = [(&STROKE[..], "x"), (&four[..], "y")];
    refused(
        digit_gallery(&two, 16.0, "t"),
        "digits",
        "image 1 has 4 pixels and the first 9",
    );
    let nan = [f64::NAN; 9];
    let two = [(&STROKE[..], "x"), (&nan[..], "y")];
    refused(
        digit_gallery(&two, 16.0, "t"),
        "digits",
        "image 1 has a pixel",
    );
    for ink in [0.0, -1.0, f64::INFINITY] {
        refused(
            digit_gallery(&[(&STROKE, "x")], ink, "t"),
            "digits",
            "drawn black",
        );
    }
    refused(confusion_matrix(&[], words()), "confusion-matrix", "0 rows");
    let ragged = vec![vec![1, 2, 3], vec![1, 2], vec![1, 2, 3]];
    refused(
        confusion_matrix(&ragged, words()),
        "confusion-matrix",
        "[3, 2, 3]",
    );
    let two = ConfusionWords {
        classes: &CLASSES[..2],
        ..words()
    };
    refused(
        confusion_matrix(&matrix(), two),
        "confusion-matrix",
        "2 class names for 3",
    );
}
