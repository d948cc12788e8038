//! The figures' tests: well-formed SVG, the expected texts, the same bytes every time, and
//! errors (not panics) for inputs that cannot be drawn.

use plotters::style::RGBColor;

use super::prediction_map::{BANDS, band_colour, contour};
use super::style::tick;
use super::*;
use crate::activation::sigmoid;
use crate::backprop::backprop;
use crate::data::{self, Dataset, Person, Sex, TUTORIAL_SHIFT};
use crate::error::Error;
use crate::network::Network;
use crate::training::{LossRecord, TrainConfig, train};

/// The English book's words for each figure (the chapters pass the same literals).
const SIGMOID: Words = Words {
    title: "The sigmoid squashes any number into (0, 1)",
    labels: &[
        "x, a neuron's weighted sum w·x + b",
        "the tutorial's neuron",
        "output f({}) = {}",
    ],
    decimal_mark: ".",
};
const NETWORK: Words = Words {
    title: "The tutorial's network: 2 inputs, a hidden layer of 2 neurons, 1 output",
    labels: &[
        "input layer",
        "hidden layer",
        "output layer",
        "P(female)",
        "weight",
        "(lb − 135)",
        "height",
        "(in − 66)",
        "bias {}",
    ],
    decimal_mark: ".",
};
const PEOPLE: Words = Words {
    title: "The people: weight and height",
    // A prediction map's first labels are the people's.
    labels: MAP_LABELS.split_at(6).0,
    decimal_mark: ".",
};
const LOSS_VS_W1: Words = Words {
    title: "Alice's loss as w1 changes (all other weights 1, biases 0)",
    labels: &[
        "loss L = (1 − y_pred)²",
        "L(w1), Alice only",
        "tangent at w1 = {}: slope dL/dw1 = {}",
    ],
    decimal_mark: ".",
};
const LOSS_CURVE: Words = Words {
    title: "The loss falls as the network trains",
    labels: &[
        "epoch",
        "mean squared error over the dataset",
        "epoch {}: loss {}",
    ],
    decimal_mark: ".",
};
const MAP_LABELS: &[&str] = &[
    "weight (lb)",
    "height (in)",
    "female",
    "male",
    "female, not trained on",
    "male, not trained on",
    "P(female)",
    "0 (male)",
    "1 (female)",
];

/// A prediction map's words with the title `title`.
fn map(title: &str) -> Words<'_> {
    Words {
        title,
        labels: MAP_LABELS,
        decimal_mark: ".",
    }
}

/// A class map's words with the title `title`.
fn classes(title: &str) -> Words<'_> {
    Words {
        title,
        labels: &[
            "label 1",
            "label 0",
            "label 1, test",
            "label 0, test",
            "P(label 1)",
        ],
        decimal_mark: ".",
    }
}

/// Checks that `svg` is well-formed XML as far as plotters can produce it: one root element,
/// every tag closed in order, attributes quoted, no stray `<` or `&` in text.
pub(super) fn well_formed(svg: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    let mut roots = 0;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            check_text(rest)?;
            break;
        };
        check_text(&rest[..open])?;
        if open > 0 && stack.is_empty() && !rest[..open].trim().is_empty() {
            return Err("text outside the root element".into());
        }
        let close = rest[open..].find('>').ok_or("a tag is not closed by '>'")? + open;
        let tag = &rest[open + 1..close];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(top) if top == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else {
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name = body.split_whitespace().next().ok_or("an empty tag")?;
            if !body.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes in <{body}>"));
            }
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

fn check_text(text: &str) -> Result<(), String> {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        if !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
            .iter()
            .any(|e| entity.starts_with(e))
        {
            return Err(format!("unescaped '&' in {text:?}"));
        }
    }
    Ok(())
}

/// The text of every `<text>` element, unescaped and trimmed.
pub(super) fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|chunk| {
            let start = chunk.find('>')? + 1;
            let end = chunk.find("</text>")?;
            Some(
                chunk[start..end]
                    .trim()
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}

fn assert_texts(figure: &Figure, expected: &[&str]) {
    let found = texts(figure.svg());
    for e in expected {
        assert!(
            found.iter().any(|t| t == e),
            "figure {} has no text {e:?}; its texts: {found:?}",
            figure.name()
        );
    }
}

/// The tutorial's run: `Network::random(42)` trained on its four people with the default
/// settings, and its loss history (as in the chapter "Training").
fn trained_tutorial_network() -> (Network, Vec<LossRecord>) {
    let mut net = Network::random(42);
    let history = train(
        &mut net,
        &Dataset::tutorial(),
        &TrainConfig::default(),
        |_| {},
    )
    .unwrap();
    (net, history)
}

/// One figure of each kind, drawn from the tutorial's data and its trained network, in the order
/// the book first shows them.
fn some_figures() -> Vec<Figure> {
    let tutorial = data::tutorial_people();
    let others = [data::emily(), data::frank()];
    let (net, history) = trained_tutorial_network();
    let predict = |w: f64, h: f64| net.feedforward(TUTORIAL_SHIFT.apply(w, h));
    let shifted: Vec<LossRecord> = history
        .iter()
        .map(|r| LossRecord {
            loss: r.loss / 2.0,
            ..*r
        })
        .collect();
    vec![
        sigmoid_curve(&SIGMOID).unwrap(),
        network_diagram(&NETWORK).unwrap(),
        people(&tutorial, &others, &PEOPLE).unwrap(),
        loss_vs_w1(&LOSS_VS_W1).unwrap(),
        loss_curve(&history, &LOSS_CURVE).unwrap(),
        prediction_map(
            &predict,
            &tutorial,
            &others,
            &map("What the trained network predicts"),
        )
        .unwrap(),
        loss_curves(
            &[("as trained", &history), ("halved", &shifted)],
            &Words {
                title: "Two loss histories",
                labels: &["epoch", "mean squared error"],
                decimal_mark: ".",
            },
        )
        .unwrap(),
    ]
}

fn figure(name: &str) -> Figure {
    some_figures()
        .into_iter()
        .find(|f| f.name() == name)
        .unwrap()
}

#[test]
fn the_checker_rejects_malformed_svg() {
    assert!(well_formed("<svg><text>a</text></svg>").is_ok());
    assert!(well_formed("<svg><text>a</svg>").is_err());
    assert!(well_formed("<svg><text>a</text>").is_err());
    assert!(well_formed("<svg><text>a & b</text></svg>").is_err());
    assert!(well_formed("<svg x=\"1></svg>").is_err());
    assert!(well_formed("<svg/><svg/>").is_err());
}

#[test]
fn every_figure_is_a_well_formed_svg_with_a_title() {
    let figures = some_figures();
    let names: Vec<&str> = figures.iter().map(Figure::name).collect();
    assert_eq!(
        names,
        [
            "sigmoid",
            "network",
            "people",
            "loss-vs-w1",
            "loss-curve",
            "prediction-map",
            "loss-curves",
        ]
    );
    // The displayed sizes, in pixels.
    let sizes = [
        (640, 400),
        (760, 350),
        (640, 400),
        (640, 400),
        (640, 400),
        (800, 420),
        (640, 400),
    ];
    for (f, (w, h)) in figures.iter().zip(sizes) {
        let header = format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {} {}\"",
            2 * w,
            2 * h
        );
        assert!(
            f.svg().starts_with(&header),
            "{}: {}",
            f.name(),
            &f.svg()[..80]
        );
    }
    for f in &figures {
        well_formed(f.svg()).unwrap_or_else(|e| panic!("{}: {e}", f.name()));
        assert!(f.svg().starts_with("<svg width=\""), "{}", f.name());
        assert!(f.svg().contains("xmlns=\"http://www.w3.org/2000/svg\""));
        // Displayed at a readable size, drawn at twice that.
        let width: u32 = f.svg()["<svg width=\"".len()..]
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!((600..=820).contains(&width), "{}: width {width}", f.name());
        assert!(f.svg().contains(&format!("viewBox=\"0 0 {} ", width * 2)));
        assert!(texts(f.svg()).len() >= 5, "{} has too few texts", f.name());
    }
}

#[test]
fn figures_are_the_same_bytes_every_time() {
    assert_eq!(some_figures(), some_figures());
    assert_eq!(
        sigmoid_curve(&SIGMOID).unwrap(),
        sigmoid_curve(&SIGMOID).unwrap()
    );
}

#[test]
fn the_sigmoid_marks_the_neuron_example() {
    let f = sigmoid_curve(&SIGMOID).unwrap();
    assert_texts(
        &f,
        &[
            "The sigmoid squashes any number into (0, 1)",
            "w = [0, 1], b = 4, x = [2, 3]",
            "w·x + b = 7",
            "output f(7) = 0.999",
            "f(x)",
            "-8",
            "8",
        ],
    );
}

#[test]
fn the_network_names_every_neuron_weight_and_bias() {
    let f = network_diagram(&NETWORK).unwrap();
    let mut expected = vec!["x1", "x2", "h1", "h2", "o1", "weight", "height", "y_pred"];
    expected.extend(["w1", "w2", "w3", "w4", "w5", "w6"]);
    expected.extend(["bias b1", "bias b2", "bias b3"]);
    assert_texts(&f, &expected);
}

#[test]
fn the_people_are_named_with_axes_and_legend() {
    let f = figure("people");
    let mut expected = vec!["Alice", "Bob", "Charlie", "Diana", "Emily", "Frank"];
    // Every word the figure was given: the axes and the legend.
    expected.extend(PEOPLE.labels);
    assert_texts(&f, &expected);
}

#[test]
fn loss_vs_w1_shows_the_slope_from_backprop() {
    let f = loss_vs_w1(&LOSS_VS_W1).unwrap();
    let slope = backprop(&Network::uniform(1.0, 0.0), [-2.0, -1.0], 1.0)
        .gradients
        .w1;
    assert_eq!(format!("{slope:.4}"), "0.0215");
    assert_texts(
        &f,
        &[
            "tangent at w1 = 1: slope dL/dw1 = 0.0215",
            "w1",
            "w1 = 1: L = 0.227",
        ],
    );
}

#[test]
fn the_loss_curve_shows_first_and_last_loss() {
    let history = [
        LossRecord {
            epoch: 0,
            loss: 0.5,
        },
        LossRecord {
            epoch: 10,
            loss: 0.25,
        },
    ];
    let f = loss_curve(&history, &LOSS_CURVE).unwrap();
    well_formed(f.svg()).unwrap();
    assert_texts(
        &f,
        &["epoch", "epoch 0: loss 0.5000", "epoch 10: loss 0.2500"],
    );
    assert_texts(&figure("loss-curve"), &["epoch 0: loss 0.3443"]);
}

#[test]
fn the_prediction_map_has_scale_boundary_and_people() {
    let f = figure("prediction-map");
    assert_texts(
        &f,
        &[
            "What the trained network predicts",
            "P(female)",
            "P(female) = 0.5",
            "0 (male)",
            "1 (female)",
            "Alice",
            "Frank",
            "weight (lb)",
            "height (in)",
        ],
    );
    // The bands of both ends of the scale are painted.
    for band in [0, BANDS - 1] {
        let RGBColor(r, g, b) = band_colour(band);
        assert!(
            f.svg()
                .contains(&format!("fill=\"#{r:02X}{g:02X}{b:02X}\""))
        );
    }
}

#[test]
fn a_map_without_boundary_has_no_boundary_legend() {
    let people = data::tutorial_people();
    let f = prediction_map(&|_, _| 1.0, &people, &[], &map("everyone is female")).unwrap();
    well_formed(f.svg()).unwrap();
    assert!(!texts(f.svg()).iter().any(|t| t == "P(female) = 0.5"));
    assert_texts(&f, &["everyone is female", "Alice"]);
}

#[test]
fn many_people_are_drawn_without_names() {
    let many: Vec<Person> = (0..MAX_NAMED_PEOPLE + 1)
        .map(|i| {
            let sex = if i % 2 == 0 { Sex::Female } else { Sex::Male };
            Person::new(&format!("P{i}"), 100.0 + i as f64, 60.0 + i as f64, sex)
        })
        .collect();
    for f in [
        people(&many, &[], &PEOPLE).unwrap(),
        prediction_map(&|w, _| sigmoid(110.0 - w), &many, &[], &map("many")).unwrap(),
    ] {
        well_formed(f.svg()).unwrap();
        assert!(
            !texts(f.svg())
                .iter()
                .any(|t| t.starts_with('P') && t[1..].parse::<u32>().is_ok())
        );
    }
    let few = &many[..MAX_NAMED_PEOPLE];
    assert_texts(&people(few, &[], &PEOPLE).unwrap(), &["P0", "P11"]);
}

#[test]
fn names_are_escaped() {
    let odd = [
        Person::new("A & B <x>", 130.0, 64.0, Sex::Female),
        Person::new("\"Q\"", 150.0, 70.0, Sex::Male),
    ];
    let f = people(&odd, &[], &PEOPLE).unwrap();
    well_formed(f.svg()).unwrap();
    assert_texts(&f, &["A & B <x>", "\"Q\""]);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    assert_eq!(people(&[], &[], &PEOPLE), Err(Error::EmptyDataset));
    assert_eq!(
        loss_curve(&[], &LOSS_CURVE),
        Err(Error::EmptyHistory { series: None })
    );
    let nan = [LossRecord {
        epoch: 0,
        loss: f64::NAN,
    }];
    assert_eq!(
        loss_curve(&nan, &LOSS_CURVE),
        Err(Error::NonFiniteLoss { series: None })
    );
    let people = data::tutorial_people();
    for bad in [f64::NAN, 1.5, -0.1] {
        let result = prediction_map(&|_, _| bad, &people, &[], &map("bad"));
        assert!(matches!(result, Err(Error::NotProbability { .. })), "{bad}");
    }
    let nowhere = [Person::new("Nowhere", f64::INFINITY, 60.0, Sex::Male)];
    assert!(matches!(
        people_fn(&nowhere),
        Err(Error::NonFinitePerson { name }) if name == "Nowhere"
    ));
}

fn people_fn(p: &[Person]) -> Result<Figure, Error> {
    people(p, &[], &PEOPLE)
}

#[test]
fn one_person_still_gets_a_range() {
    let one = [data::emily()];
    let f = people(&[], &one, &PEOPLE).unwrap();
    well_formed(f.svg()).unwrap();
    assert_texts(&f, &["Emily", "female, not trained on"]);
}

#[test]
fn the_contour_of_a_ramp_is_where_it_crosses_the_level() {
    let xs = [0.0, 1.0, 2.0, 3.0];
    let ys = [0.0, 1.0, 2.0];
    // p = x / 3 crosses 0.5 at x = 1.5, in every row of cells.
    let values: Vec<Vec<f64>> = ys
        .iter()
        .map(|_| xs.iter().map(|x| x / 3.0).collect())
        .collect();
    let segments = contour(&values, &xs, &ys, 0.5);
    assert_eq!(segments.len(), 2);
    for [a, b] in segments {
        assert!((a.0 - 1.5).abs() < 1e-12 && (b.0 - 1.5).abs() < 1e-12);
        assert!((a.1 - b.1).abs() == 1.0);
    }
    let flat = vec![vec![0.9; 4]; 3];
    assert!(contour(&flat, &xs, &ys, 0.5).is_empty());
}

#[test]
fn tick_labels_have_no_needless_decimals() {
    assert_eq!(tick(120.0, "."), "120");
    assert_eq!(tick(-8.0, "."), "-8");
    assert_eq!(tick(0.15000000000000002, "."), "0.15");
    assert_eq!(tick(-0.0, "."), "0");
    assert_eq!(tick(0.15, ","), "0,15");
}

#[test]
fn every_word_is_the_callers_and_numbers_take_its_decimal_mark() {
    let french = Words {
        title: "La sigmoïde",
        labels: &["x, somme pondérée", "le neurone", "sortie f({}) = {}"],
        decimal_mark: ",",
    };
    let f = sigmoid_curve(&french).unwrap();
    assert_texts(
        &f,
        &[
            "La sigmoïde",
            "x, somme pondérée",
            "le neurone",
            "sortie f(7) = 0,999",
        ],
    );
    assert!(
        texts(f.svg()).iter().any(|t| t == "0,5"),
        "{:?}",
        texts(f.svg())
    );
    assert!(!texts(f.svg()).iter().any(|t| t.contains("0.")));
    let too_few = Words {
        labels: &["x"],
        ..french
    };
    assert_eq!(
        sigmoid_curve(&too_few),
        Err(Error::PlotWords {
            figure: "sigmoid",
            expected: 3,
            found: 1,
            decimal_mark: ",".into()
        })
    );
    let no_mark = Words {
        decimal_mark: "",
        ..french
    };
    assert!(matches!(
        sigmoid_curve(&no_mark),
        Err(Error::PlotWords { .. })
    ));
}

#[test]
fn evcxr_display_wraps_the_svg_in_evcxr_markers() {
    let f = network_diagram(&NETWORK).unwrap();
    let content = f.evcxr_content();
    assert!(content.starts_with("EVCXR_BEGIN_CONTENT image/svg+xml\n<svg width="));
    assert!(content.ends_with("</svg>\nEVCXR_END_CONTENT"));
    assert_eq!(
        content,
        format!(
            "EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT",
            f.svg().trim_end()
        )
    );
    assert_eq!(
        content.lines().filter(|l| l.starts_with("EVCXR_")).count(),
        2
    );
}

#[test]
fn a_figure_can_be_renamed() {
    let f = sigmoid_curve(&SIGMOID).unwrap().with_name("sigmoid-again");
    assert_eq!(f.name(), "sigmoid-again");
    assert_eq!(f.svg(), sigmoid_curve(&SIGMOID).unwrap().svg());
}

#[test]
fn the_class_map_and_the_mlp_diagram_are_well_formed() {
    use crate::mlp::Activation;
    use crate::mlp::Mlp;
    let points = crate::shapes::circle(40, 0.0, 3);
    let test = Dataset {
        inputs: points.inputs[30..].to_vec(),
        labels: points.labels[30..].to_vec(),
    };
    let train = Dataset {
        inputs: points.inputs[..30].to_vec(),
        labels: points.labels[..30].to_vec(),
    };
    let map = class_map(
        &|x1, x2| sigmoid(1.0 - 4.0 * (x1 * x1 + x2 * x2)),
        &train,
        &test,
        &classes("circle"),
        30,
    )
    .unwrap();
    well_formed(map.svg()).unwrap();
    assert_texts(
        &map,
        &[
            "circle",
            "P(label 1)",
            "label 1",
            "label 0",
            "label 1, test",
            "label 0, test",
        ],
    );
    let empty = Dataset {
        inputs: vec![],
        labels: vec![],
    };
    assert!(class_map(&|_, _| 0.5, &empty, &empty, &classes("none"), 30).is_err());
    assert!(class_map(&|_, _| 2.0, &train, &empty, &classes("bad"), 30).is_err());
    let mlp = Mlp::new(&[2, 8, 8, 1], Activation::Tanh, Activation::Sigmoid, 1).unwrap();
    let diagram = mlp_diagram(
        &mlp,
        Some((1, 0)),
        &Words {
            title: "The network {}: weights by width and colour",
            labels: &["inputs", "output", "hidden {}"],
            decimal_mark: ".",
        },
    )
    .unwrap();
    well_formed(diagram.svg()).unwrap();
    assert_texts(
        &diagram,
        &[
            "The network 2-8-8-1: weights by width and colour",
            "inputs",
            "hidden 1",
            "hidden 2",
            "output",
        ],
    );
    let (positions, _) = mlp_neuron_positions(&[2, 8, 8, 1]);
    assert_eq!(
        positions.iter().map(Vec::len).collect::<Vec<_>>(),
        [2, 8, 8, 1]
    );
}
