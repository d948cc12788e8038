//! The book's playground: `nn_from_scratch` compiled to WebAssembly with `wasm-bindgen`, so the
//! very crate the book explains trains in the reader's browser.
//!
//! Everything is computed and drawn by the library: the forward pass of [`Network`], the
//! training of [`Training`] (the tutorial's per-sample SGD, or an [`Mlp`]'s trainer), the
//! predictions of [`Architecture`], [`backprop`] for one person's step, the settings' rules of
//! `nn_from_scratch::limits`, and the figures of `nn_from_scratch::plot`. The page's
//! JavaScript (`book/src/playground/playground.js`) only wires controls to these calls and puts
//! the SVG they return in the page. Nothing here is wasm-specific beyond the `#[wasm_bindgen]`
//! attributes, so the same code runs natively in the tests below.
//!
//! | export | used by |
//! |---|---|
//! | [`tutorial_forward`] | the network chapter's sliders |
//! | [`Playground`] | the training chapter's "train it yourself" and the playground chapter |

use std::cell::RefCell;

use nn_from_scratch::backprop::{FACTOR_NAMES, backprop};
use nn_from_scratch::data::{Dataset, Normalisation, Person, TUTORIAL_SHIFT};
use nn_from_scratch::datasets::{self, BuiltinDataset, NormalisationKind};
use nn_from_scratch::limits::Limits;
use nn_from_scratch::mlp::{Activation, FitConfig, Mlp, Workspace};
use nn_from_scratch::model::{Architecture, Training};
use nn_from_scratch::network::{Network, PARAM_NAMES};
use nn_from_scratch::training::{LossRecord, sgd_step};
use nn_from_scratch::{Error, plot};
use wasm_bindgen::prelude::*;

mod settings;
mod words;

pub use settings::{DataChoice, NetChoice, Refusal, Settings};
pub use words::{FigureWords, PageWords};

/// The tutorial network's forward pass for the nine parameters `params` (w1..w6, b1..b3, the
/// order of [`Network::from_array`]) and a person of `weight_lb` and `height_in`, shifted by
/// 135 lb and 66 in: `[x1, x2, h1, h2, o1]`, each formatted as Rust prints an `f64` (the
/// shortest text that reads back as the same number).
#[wasm_bindgen]
pub fn tutorial_forward(params: &[f64], weight_lb: f64, height_in: f64) -> Vec<String> {
    let mut p = [0.0; 9];
    for (slot, v) in p.iter_mut().zip(params) {
        *slot = *v;
    }
    let x = TUTORIAL_SHIFT.apply(weight_lb, height_in);
    let pass = Network::from_array(p).forward(x);
    [x[0], x[1], pass.h1, pass.h2, pass.o1]
        .iter()
        .map(|v| v.to_string())
        .collect()
}

/// The menus of the playground's form, from the library's choices, as JSON:
/// `[["data", [["tutorial", "the tutorial's 4 people"], ...]], ["act", ...], ...]`.
#[wasm_bindgen]
pub fn menus() -> String {
    serde_json::to_string(&settings::menus()).expect("names and labels serialise")
}

/// The training and test data of a run, and for people who they are and how they were
/// normalised.
struct Data {
    train: Dataset,
    test: Dataset,
    people: Option<(Vec<Person>, Vec<Person>, Normalisation)>,
}

/// A training run in the page: data, model, the loss histories, and the figures of its state.
#[wasm_bindgen]
pub struct Playground {
    settings: Settings,
    /// What the address asked for and the rules refused.
    refused: Vec<Refusal>,
    train: Dataset,
    test: Dataset,
    /// For people: the training and test people, and how their measurements became inputs.
    people: Option<(Vec<Person>, Vec<Person>, Normalisation)>,
    training: Training,
    epochs: usize,
    /// The next sample of "step one person".
    cursor: usize,
    train_history: Vec<LossRecord>,
    test_history: Vec<LossRecord>,
    /// The words of the figures, in the page's language ([`Playground::set_words`]).
    words: PageWords,
}

#[wasm_bindgen]
impl Playground {
    /// The words of the figures and texts, in the page's language, one a line
    /// ([`PageWords::from_lines`]): the page sends them once, before the first figure.
    pub fn set_words(&mut self, lines: &str) -> Result<(), JsError> {
        self.words = PageWords::from_lines(lines).map_err(|e| JsError::new(&e))?;
        if let Some((train, test, _)) = &mut self.people {
            for person in train.iter_mut().chain(test.iter_mut()) {
                if let Some((_, name)) = self.words.names.iter().find(|(n, _)| *n == person.name) {
                    person.name.clone_from(name);
                }
            }
        }
        Ok(())
    }

    /// A fresh run from settings in the address's form (`data=circle&net=2-8-8-1&...`, see
    /// [`Settings`], values as written); what the rules refuse keeps its default and is listed
    /// by [`Playground::refused`].
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<Playground, JsError> {
        let (settings, refused) = Settings::parse(query);
        Playground::from_settings(settings, refused).map_err(js)
    }

    /// A fresh run from the address's keys and (decoded) values, in order.
    pub fn from_pairs(keys: Vec<String>, values: Vec<String>) -> Result<Playground, JsError> {
        let pairs = keys
            .iter()
            .map(String::as_str)
            .zip(values.iter().map(String::as_str));
        let (settings, refused) = Settings::from_pairs(pairs);
        Playground::from_settings(settings, refused).map_err(js)
    }

    /// The settings in the address's form, every key present, for the address bar.
    pub fn query(&self) -> String {
        self.settings.to_query()
    }

    /// The settings as the form shows them, as JSON: `[["data", "tutorial"], ...]`.
    pub fn form(&self) -> String {
        serde_json::to_string(&self.settings.form()).expect("strings serialise")
    }

    /// The refused settings, as JSON: a list of [`Refusal`]s.
    pub fn refused(&self) -> String {
        serde_json::to_string(&self.refused).expect("strings serialise")
    }

    /// Trains `n` more epochs, recording the training (and test) loss after each.
    pub fn run(&mut self, n: u32) -> Result<(), JsError> {
        for _ in 0..n {
            self.epoch().map_err(js)?;
        }
        Ok(())
    }

    /// Epochs trained so far.
    pub fn epochs(&self) -> usize {
        self.epochs
    }

    /// The loss over the training data now (the configured loss; MSE for the tutorial's network).
    pub fn train_loss(&mut self) -> f64 {
        self.training.loss(&self.train).unwrap_or(f64::NAN)
    }

    /// The loss over the test data now, NaN when nothing is held out.
    pub fn test_loss(&mut self) -> f64 {
        if self.test.is_empty() {
            return f64::NAN;
        }
        self.training.loss(&self.test).unwrap_or(f64::NAN)
    }

    /// The fraction of training samples on the right side of 0.5.
    pub fn train_accuracy(&self) -> f64 {
        accuracy(self.training.architecture(), &self.train)
    }

    /// The fraction of test samples on the right side of 0.5, NaN when nothing is held out.
    pub fn test_accuracy(&self) -> f64 {
        accuracy(self.training.architecture(), &self.test)
    }

    /// Whether the model is the tutorial's 2-2-1 network (then "step one person" works).
    pub fn is_tutorial(&self) -> bool {
        matches!(self.training.architecture(), Architecture::Tutorial { .. })
    }

    /// The tutorial network's nine parameters by name, `w1=...;w2=...;...`, or "" otherwise.
    pub fn params(&self) -> String {
        match self.training.architecture() {
            Architecture::Tutorial { params } => named(&PARAM_NAMES, &params.to_array()),
            Architecture::Mlp { .. } => String::new(),
        }
    }

    /// One SGD step of the tutorial's network on the next training sample: who it was, then
    /// the chain-rule factors and the nine partial derivatives `backprop` computed for it, as
    /// `name=value` pairs separated by `;`, three parts separated by `|`.
    pub fn step_person(&mut self) -> Result<String, JsError> {
        let Some((net, learn_rate)) = self.training.tutorial_mut() else {
            return Err(JsError::new(
                "step one person works on the tutorial's 2-2-1 network",
            ));
        };
        let i = self.cursor % self.train.len();
        let (x, y) = (self.train.inputs[i], self.train.labels[i]);
        let used = backprop(net, x, y);
        let stepped = sgd_step(net, x, y, learn_rate);
        debug_assert_eq!(used, stepped);
        self.cursor += 1;
        let who = match &self.people {
            Some((people, ..)) => people[i].name.clone(),
            None => plot::Words::fill(&self.words.sample, &[(i + 1).to_string()]),
        };
        let (names, values) = (FACTOR_NAMES, used.factors.to_array());
        let grad_names = PARAM_NAMES.map(|n| format!("dL/d{n}"));
        Ok(format!(
            "{who} (x = [{}, {}], y_true = {y})|{}|{}",
            x[0],
            x[1],
            named(&names, &values),
            named(&grad_names, &used.gradients.to_array())
        ))
    }

    /// The model's predictions over the plane with the data on it: for people, the library's
    /// prediction map in pounds and inches; for the synthetic sets, its class map.
    pub fn map_svg(&self, resolution: usize) -> Result<String, JsError> {
        let predict = self.training.architecture().predictor().map_err(js)?;
        let mark = &self.words.decimal_mark;
        let figure = match &self.people {
            Some((train, test, norm)) => self.words.map.draw(None, mark, |words| {
                plot::prediction_map(&|w, h| predict(norm.apply(w, h)), train, test, words)
            }),
            None => self.words.classes.draw(None, mark, |words| {
                plot::class_map(
                    &|x1, x2| predict([x1, x2]),
                    &self.train,
                    &self.test,
                    words,
                    resolution,
                )
            }),
        };
        Ok(figure.map_err(js)?.svg().to_string())
    }

    /// The training and test loss curves so far (the library's loss chart).
    pub fn loss_svg(&self) -> Result<String, JsError> {
        if self.train_history.is_empty() {
            return Ok(String::new());
        }
        // At most about 500 points a curve: a long run draws as fast as a short one.
        let thin = |h: &[LossRecord]| -> Vec<LossRecord> {
            let step = h.len().div_ceil(500);
            let mut kept: Vec<LossRecord> = h.iter().step_by(step).copied().collect();
            if !(h.len() - 1).is_multiple_of(step) {
                kept.extend(h.last().copied());
            }
            kept
        };
        let (train, test) = (thin(&self.train_history), self.test_history.clone());
        let test = if test.is_empty() { test } else { thin(&test) };
        let words = &self.words.loss;
        let name = |i: usize| words.labels.get(i).map_or("", String::as_str);
        let mut series: Vec<(&str, &[LossRecord])> = vec![(name(1), &train)];
        if !test.is_empty() {
            series.push((name(2), &test));
        }
        let loss = self.settings.loss_name();
        let y_axis = self
            .words
            .losses
            .iter()
            .find(|(k, _)| k == loss)
            .map_or(loss, |(_, v)| v);
        let figure = plot::loss_curves(
            &series,
            &plot::Words {
                title: &words.title,
                labels: &[name(0), y_axis],
                decimal_mark: &self.words.decimal_mark,
            },
        )
        .map_err(js)?;
        Ok(figure.svg().to_string())
    }

    /// The network as a diagram, weights as line width and colour; `layer`, `index` outline one
    /// neuron (pass a layer past the last for none).
    pub fn network_svg(&self, layer: usize, index: usize) -> Result<String, JsError> {
        let mlp = self.training.architecture().as_mlp();
        let figure = self
            .words
            .network
            .draw(None, &self.words.decimal_mark, |words| {
                plot::mlp_diagram(&mlp, Some((layer, index)), words)
            })
            .map_err(js)?;
        Ok(figure.svg().to_string())
    }

    /// The hidden neuron under the point (`x`, `y`) of the diagram (displayed pixels), as
    /// `[layer, index]`, or an empty array.
    pub fn neuron_at(&self, x: f64, y: f64) -> Vec<usize> {
        let mlp = self.training.architecture().as_mlp();
        let (positions, radius) = plot::mlp_neuron_positions(mlp.sizes());
        let last = positions.len() - 1;
        for (l, layer) in positions.iter().enumerate().take(last).skip(1) {
            for (i, &(cx, cy)) in layer.iter().enumerate() {
                let r = f64::from(radius.max(9));
                if (x - f64::from(cx)).hypot(y - f64::from(cy)) <= r {
                    return vec![l, i];
                }
            }
        }
        Vec::new()
    }

    /// What hidden neuron `index` of layer `layer` (1 = the first hidden layer) outputs over the
    /// plane of the network's inputs, rescaled to 0..1 (a bounded activation from its bounds,
    /// ReLU by the largest value seen), as a class map.
    pub fn neuron_svg(
        &self,
        layer: usize,
        index: usize,
        resolution: usize,
    ) -> Result<String, JsError> {
        let mlp = self.training.architecture().as_mlp();
        let ws = RefCell::new(Workspace::new(&mlp, 1).map_err(js)?);
        // One neuron's output, by the library's forward pass, in one reused workspace.
        let out = |x1: f64, x2: f64| {
            mlp.neuron_output(&mut ws.borrow_mut(), &[x1, x2], layer, index)
                .unwrap_or(f64::NAN)
        };
        let activation = mlp.activation(layer.saturating_sub(1));
        let (lo, hi) = activation.bounds().unwrap_or_else(|| {
            let mut hi = 1e-9_f64;
            for x in self.train.inputs.iter().chain(&self.test.inputs) {
                hi = hi.max(out(x[0], x[1]) * 1.2);
            }
            (0.0, hi)
        });
        let scaled = |x1: f64, x2: f64| ((out(x1, x2) - lo) / (hi - lo)).clamp(0.0, 1.0);
        let words = &self.words.neuron;
        let title = plot::Words::fill(&words.title, &[layer.to_string(), (index + 1).to_string()]);
        let figure = words
            .draw(Some(&title), &self.words.decimal_mark, |words| {
                plot::class_map(&scaled, &self.train, &self.test, words, resolution)
            })
            .map_err(js)?;
        Ok(figure.svg().to_string())
    }
}

/// `a=1;b=2` from names and values.
fn named<S: AsRef<str>>(names: &[S], values: &[f64]) -> String {
    names
        .iter()
        .zip(values)
        .map(|(n, v)| format!("{}={v}", n.as_ref()))
        .collect::<Vec<_>>()
        .join(";")
}

impl Playground {
    /// Builds the data, the split and the model the settings describe. A test fraction the
    /// data cannot be split by is refused like any other setting (none is held out).
    pub fn from_settings(
        mut settings: Settings,
        mut refused: Vec<Refusal>,
    ) -> Result<Playground, Error> {
        let Data {
            train,
            test,
            people,
        } = match data(&settings) {
            Err(e) if settings.test_fraction > 0.0 => {
                let value = settings.test_fraction.to_string();
                settings.test_fraction = 0.0;
                refused.push(Refusal::for_split(&value, &e));
                data(&settings)?
            }
            other => other?,
        };
        let training = match settings.net {
            NetChoice::Tutorial => {
                Training::tutorial(Network::random(settings.seed), settings.learn_rate)?
            }
            NetChoice::Layers(ref sizes) => {
                Limits::PLAYGROUND.layer_sizes(sizes)?;
                let mlp = Mlp::new(
                    sizes,
                    settings.activation,
                    Activation::Sigmoid,
                    settings.seed,
                )?;
                let config = FitConfig {
                    epochs: 1,
                    batch_size: settings.batch_size,
                    shuffle: true,
                    seed: settings.seed,
                    loss: settings.loss,
                    optimizer: settings.optimizer(),
                    log_every: 1,
                };
                Training::mlp(mlp, config)?
            }
        };
        Ok(Playground {
            settings,
            refused,
            train,
            test,
            people,
            training,
            epochs: 0,
            cursor: 0,
            train_history: Vec::new(),
            test_history: Vec::new(),
            words: PageWords::default(),
        })
    }

    /// One epoch, then the losses recorded.
    pub fn epoch(&mut self) -> Result<(), Error> {
        self.training.epoch(&self.train, self.epochs)?;
        let epoch = self.epochs;
        self.epochs += 1;
        let loss = self.train_loss();
        self.train_history.push(LossRecord { epoch, loss });
        if !self.test.is_empty() {
            let loss = self.test_loss();
            self.test_history.push(LossRecord { epoch, loss });
        }
        Ok(())
    }
}

/// The fraction of `data` on the right side of 0.5, NaN for no data: the predictions in one
/// batch.
fn accuracy(architecture: &Architecture, data: &Dataset) -> f64 {
    if data.is_empty() {
        return f64::NAN;
    }
    let mut preds = vec![0.0; data.len()];
    if architecture
        .predict_batch(&data.inputs, &mut preds)
        .is_err()
    {
        return f64::NAN;
    }
    let right = preds
        .iter()
        .zip(&data.labels)
        .filter(|(p, y)| (**p >= 0.5) == (**y >= 0.5))
        .count();
    right as f64 / data.len() as f64
}

/// The training and test data the settings describe: people split and normalised as the
/// command-line trainer does (the library's split and normalisations), or a synthetic set whose
/// last points are held out.
fn data(settings: &Settings) -> Result<Data, Error> {
    match settings.data {
        DataChoice::People(dataset) => {
            let people = dataset.people();
            let (train_people, test_people) = if settings.test_fraction > 0.0 {
                datasets::train_test_split(&people, settings.test_fraction, settings.seed)?
            } else {
                (people, Vec::new())
            };
            let kind = match dataset {
                BuiltinDataset::Tutorial => NormalisationKind::TutorialShift,
                BuiltinDataset::Howell => NormalisationKind::Standardise,
            };
            let norm = kind.fit(&train_people)?;
            let train = Dataset::from_people(&train_people, &norm)?;
            let test = Dataset {
                inputs: test_people
                    .iter()
                    .map(|p| norm.apply(p.weight_lb, p.height_in))
                    .collect(),
                labels: test_people.iter().map(|p| p.sex.label()).collect(),
            };
            Ok(Data {
                train,
                test,
                people: Some((train_people, test_people, norm)),
            })
        }
        DataChoice::Shape(shape) => {
            let all = shape.points(settings.points, settings.noise, settings.seed);
            // The points come in random order: the last ones are the test set.
            let n = all.len();
            let n_test = (settings.test_fraction * n as f64).round() as usize;
            if settings.test_fraction > 0.0 && (n_test == 0 || n_test >= n) {
                return Err(Error::PointSplitTooSmall {
                    test: n_test,
                    points: n,
                });
            }
            let n_train = n - n_test;
            Ok(Data {
                train: Dataset {
                    inputs: all.inputs[..n_train].to_vec(),
                    labels: all.labels[..n_train].to_vec(),
                },
                test: Dataset {
                    inputs: all.inputs[n_train..].to_vec(),
                    labels: all.labels[n_train..].to_vec(),
                },
                people: None,
            })
        }
    }
}

/// Turns the library's error into a JavaScript `Error` with the same message.
fn js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use nn_from_scratch::training::{TrainConfig, dataset_loss, train};

    #[test]
    fn the_network_chapter_example() {
        let mut p = [0.0; 9];
        for k in [1, 3, 5] {
            p[k] = 1.0;
        }
        let out = tutorial_forward(&p, 137.0, 69.0);
        assert_eq!(
            out,
            [
                "2",
                "3",
                "0.9525741268224334",
                "0.9525741268224334",
                "0.7216325609518421"
            ]
        );
    }

    /// Words as a page sends them (playground.js, in the page's language), with `mark` for the
    /// decimal mark: each figure's title and labels are the test's own, named after the figure and
    /// the label's place (`map label 1`, `network label 3 {}`), so that a test sees which word
    /// reached which figure; the losses and the tutorial's people are the library's, Alice called
    /// Alicia.
    fn page_words(mark: &str) -> String {
        let mut lines = vec![mark.to_string(), "sample {}".to_string()];
        for (figure, n) in ["map", "classes", "loss", "network"]
            .iter()
            .zip(PageWords::LABELS)
        {
            lines.push(format!("the {figure} {{}}"));
            lines.extend((1..=n).map(|i| format!("{figure} label {i} {{}}")));
        }
        lines.push("neuron {} of layer {}".to_string());
        for loss in nn_from_scratch::mlp::Loss::ALL {
            lines.extend([loss.label().to_string(), format!("the {}", loss.label())]);
        }
        for person in nn_from_scratch::data::tutorial_people() {
            let known_as = if person.name == "Alice" {
                "Alicia"
            } else {
                &person.name
            };
            lines.extend([person.name.clone(), known_as.to_string()]);
        }
        lines.join("\n")
    }

    #[test]
    fn the_page_sends_every_figures_words() {
        let words = PageWords::from_lines(&page_words(",")).unwrap();
        assert_eq!(words.map.labels.len(), 9);
        assert_eq!(words.neuron.title, "neuron {} of layer {}");
        assert_eq!(words.neuron.labels, words.classes.labels);
        assert_eq!(words.names[0], ("Alice".to_string(), "Alicia".to_string()));
        let short = PageWords::from_lines(&page_words(",").replacen("sample {}\n", "", 1));
        assert!(short.unwrap_err().contains("did not send every word"));
    }

    #[test]
    fn the_figures_words_are_the_pages() {
        let mut play = Playground::new("data=tutorial&net=tutorial&seed=42&lr=0.1").unwrap();
        play.set_words(&page_words(",")).unwrap();
        let map = play.map_svg(20).unwrap();
        assert!(map.contains("Alicia") && map.contains("map label 1") && map.contains("0,5"));
        assert!(!map.contains("0.5<"), "the page's decimal mark");
        assert!(play.step_person().unwrap().starts_with("Alicia"));
    }

    #[test]
    fn the_tutorial_run_is_the_crate_s_train() {
        let mut play = Playground::new("data=tutorial&net=tutorial&seed=42&lr=0.1").unwrap();
        play.set_words(&page_words(".")).unwrap();
        play.run(1000).unwrap();
        let dataset = Dataset::tutorial();
        let mut net = Network::random(42);
        train(&mut net, &dataset, &TrainConfig::default(), |_| {}).unwrap();
        assert_eq!(play.train_loss(), dataset_loss(&net, &dataset).unwrap());
        assert_eq!(play.refused(), "[]");
        assert!(play.map_svg(40).unwrap().contains("Alicia"));
        assert!(play.loss_svg().unwrap().contains("the loss {}"));
        assert!(
            play.network_svg(9, 0)
                .unwrap()
                .contains("network label 3 1")
        );
        assert!(play.step_person().unwrap().starts_with("Alicia"));
    }

    #[test]
    fn on_the_circle_a_deeper_network_wins() {
        let mut small = Playground::new("data=circle&test=0.3&net=tutorial&seed=1&lr=0.1").unwrap();
        let mut deep = Playground::new(
            "data=circle&test=0.3&net=2-8-8-1&act=tanh&opt=adam&lr=0.03&batch=10&seed=1",
        )
        .unwrap();
        deep.set_words(&page_words(".")).unwrap();
        small.run(300).unwrap();
        deep.run(300).unwrap();
        let (a, b) = (small.test_accuracy(), deep.test_accuracy());
        assert!(b > 0.95 && b - a >= 0.1, "2-2-1 {a}, 2-8-8-1 {b}");
        assert!(deep.neuron_svg(1, 0, 30).unwrap().contains("<svg"));
        assert_eq!(deep.neuron_at(1000.0, 1000.0), Vec::<usize>::new());
    }
}
