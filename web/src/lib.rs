//! The book's playground: `nn_from_scratch` compiled to WebAssembly with `wasm-bindgen`, so the
//! very crate the book explains trains in the reader's browser.
//!
//! Everything is computed and drawn here, with the library's own code: the forward pass of
//! [`Network`], [`sgd_step`] and [`backprop`] for the tutorial's network, [`Mlp`] and its
//! [`Trainer`] for any other shape, and the figures of `nn_from_scratch::plot`. The page's
//! JavaScript (`book/src/playground/playground.js`) only wires controls to these calls and puts
//! the SVG they return in the page. Nothing here is wasm-specific beyond the `#[wasm_bindgen]`
//! attributes, so the same code runs natively in the tests below.
//!
//! | export | used by |
//! |---|---|
//! | [`tutorial_forward`] | the network chapter's sliders |
//! | [`Playground`] | the training chapter's "train it yourself" and the playground chapter |

use nn_from_scratch::backprop::backprop;
use nn_from_scratch::data::{Dataset, Normalisation, Person, TUTORIAL_SHIFT};
use nn_from_scratch::datasets;
use nn_from_scratch::mlp::{FitConfig, Mlp, Trainer};
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{LossRecord, dataset_loss, sgd_step};
use nn_from_scratch::{Error, plot};
use wasm_bindgen::prelude::*;

mod settings;

pub use settings::{DataChoice, NetChoice, Settings};

/// Turns the library's error into a JavaScript `Error` with the same message.
fn js(e: Error) -> JsError {
    JsError::new(&e.to_string())
}

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

/// The model being trained: the tutorial's network with its own SGD, or a general one.
enum Model {
    Tutorial(Network),
    General { mlp: Mlp, trainer: Box<Trainer> },
}

/// A training run in the page: data, model, the loss histories, and the figures of its state.
#[wasm_bindgen]
pub struct Playground {
    settings: Settings,
    train: Dataset,
    test: Dataset,
    /// For people: the training and test people, and how their measurements became inputs.
    people: Option<(Vec<Person>, Vec<Person>, Normalisation)>,
    model: Model,
    epochs: usize,
    /// The next sample of "step one person".
    cursor: usize,
    train_history: Vec<LossRecord>,
    test_history: Vec<LossRecord>,
}

#[wasm_bindgen]
impl Playground {
    /// A fresh run from settings in the page's URL form (`data=circle&net=2-8-8-1&...`, see
    /// [`Settings`]); unknown or missing keys take their defaults.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Result<Playground, JsError> {
        Playground::from_settings(Settings::parse(query)).map_err(js)
    }

    /// The settings in the URL's form, every key present, for the address bar.
    pub fn query(&self) -> String {
        self.settings.to_query()
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
        loss_on(&mut self.model, &self.train)
    }

    /// The loss over the test data now, NaN when nothing is held out.
    pub fn test_loss(&mut self) -> f64 {
        if self.test.is_empty() {
            return f64::NAN;
        }
        loss_on(&mut self.model, &self.test)
    }

    /// The fraction of training samples on the right side of 0.5.
    pub fn train_accuracy(&self) -> f64 {
        self.accuracy(&self.train)
    }

    /// The fraction of test samples on the right side of 0.5, NaN when nothing is held out.
    pub fn test_accuracy(&self) -> f64 {
        self.accuracy(&self.test)
    }

    /// Whether the model is the tutorial's 2-2-1 network (then "step one person" works).
    pub fn is_tutorial(&self) -> bool {
        matches!(self.model, Model::Tutorial(_))
    }

    /// The tutorial network's nine parameters by name, `w1=...;w2=...;...`, or "" otherwise.
    pub fn params(&self) -> String {
        match &self.model {
            Model::Tutorial(net) => named(&PARAM_NAMES, &net.to_array()),
            Model::General { .. } => String::new(),
        }
    }

    /// One SGD step of the tutorial's network on the next training sample: who it was, then
    /// the chain-rule factors and the nine partial derivatives `backprop` computed for it, as
    /// `name=value` pairs separated by `;`, three parts separated by `|`.
    pub fn step_person(&mut self) -> Result<String, JsError> {
        let Model::Tutorial(net) = &mut self.model else {
            return Err(JsError::new(
                "step one person works on the tutorial's 2-2-1 network",
            ));
        };
        let i = self.cursor % self.train.len();
        let (x, y) = (self.train.inputs[i], self.train.labels[i]);
        let used = backprop(net, x, y);
        let stepped = sgd_step(net, x, y, self.settings.learn_rate);
        debug_assert_eq!(used, stepped);
        self.cursor += 1;
        let who = match &self.people {
            Some((people, ..)) => people[i].name.clone(),
            None => format!("sample {}", i + 1),
        };
        let f = used.factors;
        let factors = [
            ("dL/dypred", f.d_l_d_ypred),
            ("dypred/dw5", f.d_ypred_d_w5),
            ("dypred/dw6", f.d_ypred_d_w6),
            ("dypred/db3", f.d_ypred_d_b3),
            ("dypred/dh1", f.d_ypred_d_h1),
            ("dypred/dh2", f.d_ypred_d_h2),
            ("dh1/dw1", f.d_h1_d_w1),
            ("dh1/dw2", f.d_h1_d_w2),
            ("dh1/db1", f.d_h1_d_b1),
            ("dh2/dw3", f.d_h2_d_w3),
            ("dh2/dw4", f.d_h2_d_w4),
            ("dh2/db2", f.d_h2_d_b2),
        ];
        let (names, values): (Vec<&str>, Vec<f64>) = factors.into_iter().unzip();
        let gradients = used.gradients;
        let g = [
            gradients.w1,
            gradients.w2,
            gradients.w3,
            gradients.w4,
            gradients.w5,
            gradients.w6,
            gradients.b1,
            gradients.b2,
            gradients.b3,
        ];
        let grad_names = PARAM_NAMES.map(|n| format!("dL/d{n}"));
        let grad_names: Vec<&str> = grad_names.iter().map(String::as_str).collect();
        Ok(format!(
            "{who} (x = [{}, {}], y_true = {y})|{}|{}",
            x[0],
            x[1],
            named(&names, &values),
            named(&grad_names, &g)
        ))
    }

    /// The model's predictions over the plane with the data on it: for people, the library's
    /// prediction map in pounds and inches; for the synthetic sets, its class map.
    pub fn map_svg(&self, resolution: usize) -> Result<String, JsError> {
        let figure = match &self.people {
            Some((train, test, norm)) => plot::prediction_map(
                &|w, h| self.predict(norm.apply(w, h)),
                train,
                test,
                "What the network predicts",
            ),
            None => plot::class_map(
                &|x1, x2| self.predict([x1, x2]),
                &self.train,
                &self.test,
                "What the network predicts",
                resolution,
            ),
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
        let mut series: Vec<(&str, &[LossRecord])> = vec![("training", &train)];
        if !test.is_empty() {
            series.push(("test", &test));
        }
        let name = self.settings.loss_name();
        let figure = plot::loss_curves(&series, "The loss during training", name).map_err(js)?;
        Ok(figure.svg().to_string())
    }

    /// The network as a diagram, weights as line width and colour; `layer`, `index` outline one
    /// neuron (pass a layer past the last for none).
    pub fn network_svg(&self, layer: usize, index: usize) -> Result<String, JsError> {
        let mlp = self.as_mlp();
        let figure = plot::mlp_diagram(&mlp, Some((layer, index))).map_err(js)?;
        Ok(figure.svg().to_string())
    }

    /// The hidden neuron under the point (`x`, `y`) of the diagram (displayed pixels), as
    /// `[layer, index]`, or an empty array.
    pub fn neuron_at(&self, x: f64, y: f64) -> Vec<usize> {
        let mlp = self.as_mlp();
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
    /// plane of the network's inputs, rescaled to 0..1 (tanh from -1..1, ReLU by the largest
    /// value seen), as a class map.
    pub fn neuron_svg(
        &self,
        layer: usize,
        index: usize,
        resolution: usize,
    ) -> Result<String, JsError> {
        let mlp = self.as_mlp();
        let out = |x1: f64, x2: f64| neuron_output(&mlp, [x1, x2], layer, index);
        let activation = mlp.activation(layer.saturating_sub(1));
        let (lo, hi) = match activation {
            nn_from_scratch::mlp::Activation::Sigmoid => (0.0, 1.0),
            nn_from_scratch::mlp::Activation::Tanh => (-1.0, 1.0),
            nn_from_scratch::mlp::Activation::Relu => {
                let mut hi = 1e-9_f64;
                for x in self.train.inputs.iter().chain(&self.test.inputs) {
                    hi = hi.max(out(x[0], x[1]) * 1.2);
                }
                (0.0, hi)
            }
        };
        let scaled = |x1: f64, x2: f64| ((out(x1, x2) - lo) / (hi - lo)).clamp(0.0, 1.0);
        let title = format!("Hidden layer {layer}, neuron {}", index + 1);
        let figure =
            plot::class_map(&scaled, &self.train, &self.test, &title, resolution).map_err(js)?;
        Ok(figure.svg().to_string())
    }
}

/// The tutorial's parameter names, in [`Network::to_array`]'s order.
const PARAM_NAMES: [&str; 9] = ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"];

/// `a=1;b=2` from names and values.
fn named<S: AsRef<str>>(names: &[S], values: &[f64]) -> String {
    names
        .iter()
        .zip(values)
        .map(|(n, v)| format!("{}={v}", n.as_ref()))
        .collect::<Vec<_>>()
        .join(";")
}

/// The output of neuron `index` of layer `layer` for the input `x` (layer 0 is the input).
fn neuron_output(mlp: &Mlp, x: [f64; 2], layer: usize, index: usize) -> f64 {
    let mut a = x.to_vec();
    for l in 0..layer.min(mlp.num_layers()) {
        let (w, b) = (mlp.weights(l), mlp.biases(l));
        let act = mlp.activation(l);
        a = b
            .iter()
            .enumerate()
            .map(|(j, bj)| {
                let z: f64 = a
                    .iter()
                    .enumerate()
                    .map(|(i, ai)| w[j * a.len() + i] * ai)
                    .sum();
                act.apply(z + bj)
            })
            .collect();
    }
    a.get(index).copied().unwrap_or(f64::NAN)
}

impl Playground {
    /// Builds the data, the split and the model the settings describe.
    pub fn from_settings(settings: Settings) -> Result<Playground, Error> {
        let (train, test, people) = settings.data()?;
        let model = match settings.net {
            NetChoice::Tutorial => Model::Tutorial(Network::random(settings.seed)),
            NetChoice::Layers(ref sizes) => {
                let mlp = Mlp::new(
                    sizes,
                    settings.activation,
                    nn_from_scratch::mlp::Activation::Sigmoid,
                    settings.seed,
                )?;
                let config = FitConfig {
                    epochs: 1,
                    batch_size: settings.batch_size.min(train.len()).max(1),
                    shuffle: true,
                    seed: settings.seed,
                    loss: settings.loss,
                    optimizer: settings.optimizer(),
                    log_every: 1,
                };
                let trainer = Trainer::new(&mlp, config)?;
                Model::General {
                    mlp,
                    trainer: Box::new(trainer),
                }
            }
        };
        Ok(Playground {
            settings,
            train,
            test,
            people,
            model,
            epochs: 0,
            cursor: 0,
            train_history: Vec::new(),
            test_history: Vec::new(),
        })
    }

    /// One epoch, then the losses recorded.
    pub fn epoch(&mut self) -> Result<(), Error> {
        match &mut self.model {
            // The tutorial's training (`training::train`): every sample in order, one SGD step each.
            Model::Tutorial(net) => {
                for (&x, &y) in self.train.inputs.iter().zip(&self.train.labels) {
                    sgd_step(net, x, y, self.settings.learn_rate);
                }
                if !net.is_finite() {
                    return Err(Error::Diverged { epoch: self.epochs });
                }
            }
            Model::General { mlp, trainer } => {
                trainer.train_epoch(mlp, &self.train.inputs, &self.train.labels)?;
            }
        }
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

    /// The probability of label 1 for one (normalised) input.
    pub fn predict(&self, x: [f64; 2]) -> f64 {
        match &self.model {
            Model::Tutorial(net) => net.feedforward(x),
            Model::General { mlp, .. } => neuron_output(mlp, x, mlp.num_layers(), 0),
        }
    }

    /// The model as an [`Mlp`] (the tutorial's network converted with its nine parameters).
    fn as_mlp(&self) -> Mlp {
        match &self.model {
            Model::Tutorial(net) => Mlp::from_tutorial(net),
            Model::General { mlp, .. } => mlp.clone(),
        }
    }
}

/// The model's loss over `data` (the configured loss; MSE for the tutorial's network).
fn loss_on(model: &mut Model, data: &Dataset) -> f64 {
    match model {
        Model::Tutorial(net) => dataset_loss(net, data).unwrap_or(f64::NAN),
        Model::General { mlp, trainer } => trainer
            .dataset_loss(mlp, &data.inputs, &data.labels)
            .unwrap_or(f64::NAN),
    }
}

impl Playground {
    fn accuracy(&self, data: &Dataset) -> f64 {
        if data.is_empty() {
            return f64::NAN;
        }
        let right = data
            .inputs
            .iter()
            .zip(&data.labels)
            .filter(|(x, y)| (self.predict(**x) >= 0.5) == (**y >= 0.5))
            .count();
        right as f64 / data.len() as f64
    }
}

/// The people of a built-in data set, split and normalised as the command-line trainer does.
#[allow(clippy::type_complexity)]
pub(crate) fn people_data(
    people: Vec<Person>,
    tutorial: bool,
    test_fraction: f64,
    seed: u64,
) -> Result<
    (
        Dataset,
        Dataset,
        Option<(Vec<Person>, Vec<Person>, Normalisation)>,
    ),
    Error,
> {
    let (train_people, test_people) = if test_fraction > 0.0 {
        datasets::train_test_split(&people, test_fraction, seed)?
    } else {
        (people, Vec::new())
    };
    let norm = if tutorial {
        TUTORIAL_SHIFT
    } else {
        Normalisation::standardise(&train_people)?
    };
    let train = Dataset::from_people(&train_people, &norm)?;
    let test = Dataset {
        inputs: test_people
            .iter()
            .map(|p| norm.apply(p.weight_lb, p.height_in))
            .collect(),
        labels: test_people.iter().map(|p| p.sex.label()).collect(),
    };
    Ok((train, test, Some((train_people, test_people, norm))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nn_from_scratch::training::{TrainConfig, train};

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

    #[test]
    fn the_tutorial_run_is_the_crate_s_train() {
        let mut play = Playground::new("data=tutorial&net=tutorial&seed=42&lr=0.1").unwrap();
        play.run(1000).unwrap();
        let dataset = Dataset::tutorial();
        let mut net = Network::random(42);
        train(&mut net, &dataset, &TrainConfig::default(), |_| {}).unwrap();
        assert_eq!(play.train_loss(), dataset_loss(&net, &dataset).unwrap());
        assert!(play.map_svg(40).unwrap().contains("Alice"));
        assert!(play.loss_svg().unwrap().contains("<svg"));
        assert!(play.network_svg(9, 0).unwrap().contains("<svg"));
        assert!(play.step_person().unwrap().starts_with("Alice"));
    }

    #[test]
    fn on_the_circle_a_deeper_network_wins() {
        let mut small = Playground::new("data=circle&test=0.3&net=tutorial&seed=1&lr=0.1").unwrap();
        let mut deep = Playground::new(
            "data=circle&test=0.3&net=2-8-8-1&act=tanh&opt=adam&lr=0.03&batch=10&seed=1",
        )
        .unwrap();
        small.run(300).unwrap();
        deep.run(300).unwrap();
        let (a, b) = (small.test_accuracy(), deep.test_accuracy());
        assert!(b > 0.95 && b - a >= 0.1, "2-2-1 {a}, 2-8-8-1 {b}");
        assert!(deep.neuron_svg(1, 0, 30).unwrap().contains("<svg"));
        assert_eq!(deep.neuron_at(1000.0, 1000.0), Vec::<usize>::new());
    }
}
