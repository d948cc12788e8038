//! A playground's settings, read from and written to the page's address (`key=value&...`), so
//! that a configuration can be shared and reopened.
//!
//! | key | values | default |
//! |---|---|---|
//! | `data` | a built-in dataset (`tutorial`, `howell`) or a shape (`circle`, `xor`, `spiral`) | `tutorial` |
//! | `test` | fraction held out: 0 (none), or strictly between 0 and 1 | 0 |
//! | `noise` | jitter of the synthetic sets | 0.05 |
//! | `points` | size of a synthetic set | 200 |
//! | `net` | `tutorial` (the 2-2-1 network and its SGD), layer sizes `2-8-8-1`, or `custom` with `hidden` | `tutorial` |
//! | `hidden` | the hidden layers' sizes of `net=custom`, `8-8` | `8-8` |
//! | `act` | hidden activation, [`Activation`]'s names | `sigmoid` |
//! | `loss` | [`Loss`]'s names | `mse` |
//! | `opt` | [`OptimizerKind`]'s names | `sgd` |
//! | `lr` | learning rate | 0.1 |
//! | `batch` | samples per mini-batch | 1 |
//! | `seed` | seeds the data, the split and the starting parameters | 42 |
//! | `until` | stop after this many epochs, 0 for never | 0 |
//! | `speed` | epochs per frame at most: [`SPEEDS`] | 10 |
//!
//! Every value goes through the library's rules ([`Limits::PLAYGROUND`], the choices' names, the
//! split): nothing is clamped or guessed. A value the rules refuse (and an unknown or repeated
//! key) becomes a [`Refusal`], which the page shows, and the setting keeps its default, which the
//! form then shows: the form always shows what runs.

use std::sync::OnceLock;

use nn_from_scratch::Error;
use nn_from_scratch::choice::Choice;
use nn_from_scratch::datasets::BuiltinDataset;
use nn_from_scratch::limits::{self, Limits};
use nn_from_scratch::mlp::{Activation, Loss};
use nn_from_scratch::optimizer::{Optimizer, OptimizerKind};
use nn_from_scratch::shapes::Shape;
use serde::Serialize;

/// The keys, in the order of the table and of [`Settings::to_query`].
pub const KEYS: [&str; 14] = [
    "data", "test", "noise", "points", "net", "hidden", "act", "loss", "opt", "lr", "batch",
    "seed", "until", "speed",
];

/// The choices of epochs per frame: the most each animation frame trains, and its menu label.
pub const SPEEDS: [(&str, &str); 4] = [
    ("1", "1"),
    ("10", "10"),
    ("100", "100"),
    ("max", "as many as fit"),
];

/// The longest value quoted back in a refusal (a longer one is cut, with `…`).
const QUOTE: usize = 40;
/// The most refusals reported for one address (the rest are counted in the last one).
const MAX_REFUSALS: usize = 12;

/// Where the samples come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DataChoice {
    /// A dataset of people built into the crate.
    People(BuiltinDataset),
    /// A synthetic set of [`nn_from_scratch::shapes`].
    Shape(Shape),
}

impl DataChoice {
    /// Every choice: the built-in datasets, then the shapes.
    pub fn all() -> impl Iterator<Item = (&'static str, &'static str, DataChoice)> {
        let people = BuiltinDataset::ALL.map(|d| (d.name(), d.label(), DataChoice::People(d)));
        let shapes = Shape::ALL.map(|s| (s.name(), s.label(), DataChoice::Shape(s)));
        people.into_iter().chain(shapes)
    }

    /// The name in the address.
    pub fn name(self) -> &'static str {
        match self {
            DataChoice::People(d) => d.name(),
            DataChoice::Shape(s) => s.name(),
        }
    }

    fn parse(value: &str) -> Result<DataChoice, Error> {
        // The names, joined once for the whole page's life.
        static NAMES: OnceLock<&'static str> = OnceLock::new();
        let names = NAMES.get_or_init(|| {
            let names: Vec<&str> = DataChoice::all().map(|(name, ..)| name).collect();
            Box::leak(names.join(", ").into_boxed_str())
        });
        DataChoice::all()
            .find(|(name, ..)| *name == value)
            .map(|(.., choice)| choice)
            .ok_or_else(|| Error::UnknownName {
                kind: "data",
                found: value.to_string(),
                expected: names,
            })
    }
}

/// Which network trains.
#[derive(Debug, Clone, PartialEq)]
pub enum NetChoice {
    /// The tutorial's 2-2-1 network, trained by its own per-sample SGD on the MSE.
    Tutorial,
    /// A general network of these layer sizes (within [`Limits::PLAYGROUND`]).
    Layers(Vec<usize>),
}

/// Everything that defines a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub data: DataChoice,
    /// 0 for no test set.
    pub test_fraction: f64,
    pub noise: f64,
    pub points: usize,
    pub net: NetChoice,
    pub activation: Activation,
    pub loss: Loss,
    pub optimizer: OptimizerKind,
    pub learn_rate: f64,
    pub batch_size: usize,
    pub seed: u64,
    /// Stop after this many epochs; 0 for never.
    pub until: usize,
    /// At most this many epochs per frame; `None` for as many as fit.
    pub speed: Option<usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data: DataChoice::People(BuiltinDataset::Tutorial),
            test_fraction: 0.0,
            noise: 0.05,
            points: 200,
            net: NetChoice::Tutorial,
            activation: Activation::Sigmoid,
            loss: Loss::Mse,
            optimizer: OptimizerKind::Sgd,
            learn_rate: 0.1,
            batch_size: 1,
            seed: 42,
            until: 0,
            speed: Some(10),
        }
    }
}

/// A setting the page asked for and the rules refused: which, what was given, why (the
/// library's error, as a kind the page words in its language, and in English), and what is used
/// instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Refusal {
    /// The key (cut to a few dozen characters).
    pub key: String,
    /// The value given (cut to a few dozen characters).
    pub value: String,
    /// Why, for the page to word: `unknown-setting`, `repeated`, `unknown-name`,
    /// `out-of-range`, `not-a-number`, `not-positive`, `layers`, `invalid`.
    pub reason: &'static str,
    /// The accepted names (`unknown-setting`, `unknown-name`).
    pub expected: String,
    /// The accepted range (`out-of-range`).
    pub min: String,
    /// The accepted range (`out-of-range`).
    pub max: String,
    /// What is used instead (the default), as the address writes it; empty for an unknown key.
    pub used: String,
    /// The library's message, in English.
    pub message: String,
}

/// Cuts `text` to [`QUOTE`] characters.
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

impl Refusal {
    fn new(key: &str, value: &str, error: &Error, used: String) -> Refusal {
        let (reason, expected, min, max) = match error {
            Error::UnknownSetting { expected, .. } => ("unknown-setting", expected.clone(), "", ""),
            Error::RepeatedSetting { .. } => ("repeated", String::new(), "", ""),
            Error::UnknownName { expected, .. } => ("unknown-name", expected.to_string(), "", ""),
            Error::OutOfRange { min, max, .. } => {
                ("out-of-range", String::new(), &min[..], &max[..])
            }
            Error::NotANumber { .. } => ("not-a-number", String::new(), "", ""),
            Error::InvalidLearnRate(_) => ("not-positive", String::new(), "", ""),
            Error::TooFewLayers { .. }
            | Error::InputSize { .. }
            | Error::OutputWidth { .. }
            | Error::ZeroWidth { .. }
            | Error::TooManyParams { .. } => ("layers", String::new(), "", ""),
            _ => ("invalid", String::new(), "", ""),
        };
        Refusal {
            key: quote(key),
            value: quote(value),
            reason,
            expected,
            min: min.to_string(),
            max: max.to_string(),
            used,
            message: quote_message(error),
        }
    }
}

impl Refusal {
    /// A test fraction the data cannot be split by (too few people or points on one side).
    pub fn for_split(value: &str, error: &Error) -> Refusal {
        Refusal::new("test", value, error, "0".to_string())
    }
}

/// The library's message, with the value it quotes cut like [`quote`] (a value can be huge).
fn quote_message(error: &Error) -> String {
    let text = error.to_string();
    if text.chars().count() <= 4 * QUOTE + 200 {
        return text;
    }
    let cut: String = text.chars().take(4 * QUOTE + 200).collect();
    format!("{cut}…")
}

/// Layer sizes written `2-8-8-1` (or, `hidden_only`, hidden sizes `8-8` between 2 and 1), by the
/// playground's rules.
fn parse_sizes(text: &str, hidden_only: bool) -> Result<Vec<usize>, Error> {
    let mut sizes = Vec::new();
    if hidden_only {
        sizes.push(2);
    }
    // Cap the count before parsing: a thousand dashes are refused without a thousand numbers.
    for part in text
        .split('-')
        .take(Limits::PLAYGROUND.max_hidden_layers + 3)
    {
        sizes.push(limits::parse_count("a layer size", part)?);
    }
    let (parts, max) = (
        text.split('-').count(),
        Limits::PLAYGROUND.max_hidden_layers,
    );
    let hidden = if hidden_only {
        parts
    } else {
        parts.saturating_sub(2)
    };
    if hidden > max {
        return Err(Error::OutOfRange {
            what: "the number of hidden layers".to_string(),
            found: hidden.to_string(),
            min: "0".to_string(),
            max: Limits::PLAYGROUND.max_hidden_layers.to_string(),
        });
    }
    if hidden_only {
        sizes.push(1);
    }
    Limits::PLAYGROUND.layer_sizes(&sizes)?;
    Ok(sizes)
}

impl Settings {
    /// Reads `key=value` pairs separated by `&` (a leading `?` or `#` is skipped), as written,
    /// without percent-decoding (the page decodes and calls [`Settings::from_pairs`]).
    pub fn parse(query: &str) -> (Settings, Vec<Refusal>) {
        let query = query.trim_start_matches(['?', '#']);
        let pairs = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")));
        Settings::from_pairs(pairs)
    }

    /// The settings from `(key, value)` pairs, each value checked by the library's rules; what
    /// they refuse keeps its default and is reported.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Settings, Vec<Refusal>) {
        let mut s = Settings::default();
        let default = Settings::default();
        let mut refused = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut more = 0usize;
        let (mut net, mut hidden): (Option<&str>, Option<&str>) = (None, None);
        let mut refuse = |r: Refusal| {
            if refused.len() < MAX_REFUSALS {
                refused.push(r);
            } else {
                more += 1;
            }
        };
        for (key, value) in pairs {
            if seen.contains(&key) {
                let error = Error::RepeatedSetting {
                    key: key.to_string(),
                };
                refuse(Refusal::new(key, value, &error, "the first".to_string()));
                continue;
            }
            let Some(known) = KEYS.iter().find(|k| **k == key) else {
                let error = Error::UnknownSetting {
                    found: key.to_string(),
                    expected: KEYS.join(", "),
                };
                refuse(Refusal::new(key, value, &error, String::new()));
                continue;
            };
            seen.push(known);
            let lim = Limits::PLAYGROUND;
            let result: Result<(), (Error, String)> = match *known {
                "data" => DataChoice::parse(value)
                    .map(|d| s.data = d)
                    .map_err(|e| (e, default.data.name().to_string())),
                "test" => limits::parse_number("the test fraction", value)
                    .and_then(|f| if f == 0.0 { Ok(f) } else { lim.test_fraction(f) })
                    .map(|f| s.test_fraction = f)
                    .map_err(|e| (e, default.test_fraction.to_string())),
                "noise" => limits::parse_number("the noise", value)
                    .and_then(|x| lim.noise(x))
                    .map(|x| s.noise = x)
                    .map_err(|e| (e, default.noise.to_string())),
                "points" => count("the number of points", value, |n| lim.points(n))
                    .map(|n| s.points = n)
                    .map_err(|e| (e, default.points.to_string())),
                "net" => {
                    net = Some(value);
                    Ok(())
                }
                "hidden" => {
                    hidden = Some(value);
                    Ok(())
                }
                "act" => value
                    .parse()
                    .map(|a| s.activation = a)
                    .map_err(|e| (e, default.activation.name().to_string())),
                "loss" => value
                    .parse()
                    .map(|l| s.loss = l)
                    .map_err(|e| (e, default.loss.name().to_string())),
                "opt" => value
                    .parse()
                    .map(|o| s.optimizer = o)
                    .map_err(|e| (e, default.optimizer.name().to_string())),
                "lr" => limits::parse_number("the learning rate", value)
                    .and_then(|lr| lim.learn_rate(lr))
                    .map(|lr| s.learn_rate = lr)
                    .map_err(|e| (e, default.learn_rate.to_string())),
                "batch" => count("the batch size", value, |n| lim.batch_size(n))
                    .map(|n| s.batch_size = n)
                    .map_err(|e| (e, default.batch_size.to_string())),
                "seed" => limits::parse_seed(value)
                    .map(|n| s.seed = n)
                    .map_err(|e| (e, default.seed.to_string())),
                "until" => count("the number of epochs", value, |n| {
                    if n == 0 { Ok(0) } else { lim.epochs(n) }
                })
                    .map(|n| s.until = n)
                    .map_err(|e| (e, default.until.to_string())),
                _ /* speed */ => match SPEEDS.iter().find(|(name, _)| *name == value) {
                    Some((n, _)) => {
                        s.speed = n.parse().ok(); // None for max
                        Ok(())
                    }
                    None => Err((
                        Error::UnknownName {
                            kind: "speed",
                            found: value.to_string(),
                            expected: "1, 10, 100, max",
                        },
                        speed_text(default.speed),
                    )),
                },
            };
            if let Err((error, used)) = result {
                refuse(Refusal::new(key, value, &error, used));
            }
        }
        // The network: `net=tutorial`, `net=2-8-8-1`, or `net=custom` with `hidden=8-8`.
        let used = "tutorial".to_string();
        match (net, hidden) {
            (None | Some("tutorial"), _) => {}
            (Some("custom"), hidden) => match parse_sizes(hidden.unwrap_or("8-8"), true) {
                Ok(sizes) => s.net = NetChoice::Layers(sizes),
                Err(e) => refuse(Refusal::new("hidden", hidden.unwrap_or(""), &e, used)),
            },
            (Some(sizes), _) => match parse_sizes(sizes, false) {
                Ok(sizes) => s.net = NetChoice::Layers(sizes),
                Err(e) => refuse(Refusal::new("net", sizes, &e, used)),
            },
        }
        if more > 0 {
            let error = Error::MoreRefused { count: more };
            refused.push(Refusal::new("…", "", &error, String::new()));
        }
        (s, refused)
    }

    /// The settings as `key=value&...`, every key present (except `hidden`, which `net` holds),
    /// in the table's order.
    pub fn to_query(&self) -> String {
        self.pairs()
            .into_iter()
            .filter(|(k, _)| *k != "hidden")
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The form's fields: the keys of the table, with `net` as `tutorial` or `custom` and the
    /// hidden sizes in `hidden`.
    pub fn form(&self) -> Vec<(&'static str, String)> {
        self.pairs()
            .into_iter()
            .map(|(k, v)| match (k, &self.net) {
                ("net", NetChoice::Layers(_)) => (k, "custom".to_string()),
                _ => (k, v),
            })
            .collect()
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        let (net, hidden) = match &self.net {
            NetChoice::Tutorial => ("tutorial".to_string(), "8-8".to_string()),
            NetChoice::Layers(sizes) => (
                limits::sizes_text(sizes),
                limits::sizes_text(&sizes[1..sizes.len() - 1]),
            ),
        };
        let values = [
            self.data.name().to_string(),
            self.test_fraction.to_string(),
            self.noise.to_string(),
            self.points.to_string(),
            net,
            hidden,
            self.activation.name().to_string(),
            self.loss.name().to_string(),
            self.optimizer.name().to_string(),
            self.learn_rate.to_string(),
            self.batch_size.to_string(),
            self.seed.to_string(),
            self.until.to_string(),
            speed_text(self.speed),
        ];
        KEYS.into_iter().zip(values).collect()
    }

    /// The loss's name for the loss chart's axis: the label of the loss trained on.
    pub fn loss_name(&self) -> &'static str {
        match &self.net {
            NetChoice::Tutorial => Loss::Mse.label(),
            NetChoice::Layers(_) => self.loss.label(),
        }
    }

    /// The optimizer with the chosen learning rate.
    pub fn optimizer(&self) -> Optimizer {
        self.optimizer.with_learn_rate(self.learn_rate)
    }
}

/// A count checked by `rule`. A number too large (or negative) for a count is reported with
/// `rule`'s range, not the machine's.
fn count(
    what: &'static str,
    text: &str,
    rule: impl Fn(usize) -> Result<usize, Error>,
) -> Result<usize, Error> {
    match limits::parse_count(what, text) {
        Err(Error::OutOfRange { found, .. }) => match rule(usize::MAX) {
            Err(Error::OutOfRange { what, min, max, .. }) => Err(Error::OutOfRange {
                what,
                found,
                min,
                max,
            }),
            _ => Err(Error::NotANumber {
                what,
                found,
                expected: "a whole number, such as 100",
            }),
        },
        counted => counted.and_then(rule),
    }
}

fn speed_text(speed: Option<usize>) -> String {
    speed.map_or("max".to_string(), |n| n.to_string())
}

/// The choices of the form's menus, from the library: `[[key, [[name, label], ...]], ...]`.
pub fn menus() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    fn of<C: Choice>() -> Vec<(&'static str, &'static str)> {
        C::ALL.iter().map(|c| (c.name(), c.label())).collect()
    }
    vec![
        ("data", DataChoice::all().map(|(n, l, _)| (n, l)).collect()),
        ("act", of::<Activation>()),
        ("loss", of::<Loss>()),
        ("opt", of::<OptimizerKind>()),
        ("speed", SPEEDS.to_vec()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_address() {
        let (s, refused) = Settings::parse(
            "?data=spiral&test=0.25&net=2-8-8-1&act=tanh&opt=adam&lr=0.01&batch=16&seed=7",
        );
        assert!(refused.is_empty(), "{refused:?}");
        assert_eq!(Settings::parse(&s.to_query()), (s.clone(), vec![]));
        assert_eq!(s.net, NetChoice::Layers(vec![2, 8, 8, 1]));
        let (custom, refused) = Settings::parse("net=custom&hidden=4-4");
        assert!(refused.is_empty());
        assert_eq!(custom.net, NetChoice::Layers(vec![2, 4, 4, 1]));
    }

    #[test]
    fn hostile_addresses_are_refused_by_name_and_fall_back_to_defaults() {
        let long = "9".repeat(100_000);
        let cases: Vec<(String, &str, &str, &str)> = vec![
            ("act=leaky".into(), "act", "unknown-name", "sigmoid"),
            ("lr=-1".into(), "lr", "not-positive", "0.1"),
            ("lr=1e999".into(), "lr", "not-a-number", "0.1"),
            (
                "net=custom&hidden=100000-100000".into(),
                "hidden",
                "out-of-range",
                "tutorial",
            ),
            ("net=2-99-1".into(), "net", "out-of-range", "tutorial"),
            ("net=3-8-1".into(), "net", "layers", "tutorial"),
            (
                "net=2-1-1-1-1-1-1-1-1-1".into(),
                "net",
                "out-of-range",
                "tutorial",
            ),
            ("points=1e9".into(), "points", "out-of-range", "200"),
            ("seed=abc".into(), "seed", "not-a-number", "42"),
            ("seed=-1".into(), "seed", "not-a-number", "42"),
            ("bogus=1".into(), "bogus", "unknown-setting", ""),
            (
                "data=<script>alert(1)</script>".into(),
                "data",
                "unknown-name",
                "tutorial",
            ),
            ("seed=1&seed=2".into(), "seed", "repeated", "the first"),
            (format!("batch={long}"), "batch", "out-of-range", "1"),
            ("until=1e99".into(), "until", "out-of-range", "0"),
            ("test=1".into(), "test", "out-of-range", "0"),
            ("noise=NaN".into(), "noise", "not-a-number", "0.05"),
            ("until=-5".into(), "until", "out-of-range", "0"),
            ("speed=0".into(), "speed", "unknown-name", "10"),
        ];
        for (query, key, reason, used) in &cases {
            let (s, refused) = Settings::parse(query);
            assert_eq!(refused.len(), 1, "{query}: {refused:?}");
            let r = &refused[0];
            assert_eq!(
                (&r.key[..], r.reason, &r.used[..]),
                (*key, *reason, *used),
                "{query}: {r:?}"
            );
            assert!(
                r.value.chars().count() <= QUOTE + 1 && r.message.len() < 1000,
                "{r:?}"
            );
            if r.reason == "out-of-range" {
                // The setting's own range, never the machine's.
                assert!(r.max.len() < 12, "{query}: {r:?}");
            }
            // What runs is the default for the refused setting.
            if *key != "seed" || *reason != "repeated" {
                let field = if *key == "hidden" { "net" } else { key };
                let default = Settings::default().pairs();
                let now = s.pairs();
                let pick = |p: &[(&'static str, String)]| {
                    p.iter().find(|(k, _)| *k == field).map(|(_, v)| v.clone())
                };
                if !key.starts_with("bogus") {
                    assert_eq!(pick(&now), pick(&default), "{query}");
                }
            }
        }
        // Thousands of unknown keys: a bounded report.
        let many = (0..10_000)
            .map(|i| format!("k{i}=1"))
            .collect::<Vec<_>>()
            .join("&");
        let (_, refused) = Settings::parse(&many);
        assert_eq!(refused.len(), MAX_REFUSALS + 1);
    }

    #[test]
    fn the_chapter_s_menus_are_the_library_s_choices() {
        let menus = menus();
        let names = |key: &str| -> Vec<&str> {
            let (_, items) = menus.iter().find(|(k, _)| *k == key).unwrap();
            items.iter().map(|(n, _)| *n).collect()
        };
        assert_eq!(names("act"), Activation::ALL.map(|a| a.name()));
        assert_eq!(
            names("data").len(),
            BuiltinDataset::ALL.len() + Shape::ALL.len()
        );
        // Every menu key is a setting; the speeds' names are the error's list.
        assert!(menus.iter().all(|(k, _)| KEYS.contains(k)));
        assert_eq!(names("speed").join(", "), "1, 10, 100, max");
    }

    /// Each menu label reaches the translation catalog: playground.js marks it `N_("...")`, so
    /// that `cargo xtask translate` extracts it, or lists it among the texts that are the same in
    /// every language (`SAME`).
    #[test]
    fn every_menu_label_is_a_message_of_the_page() {
        let script = include_str!("../../book/src/playground/playground.js");
        let same = (script.lines().find(|l| l.starts_with("const SAME = ")))
            .expect("playground.js declares SAME");
        for (menu, items) in menus() {
            for (_, label) in items {
                let quoted = format!("\"{label}\"");
                assert!(
                    script.contains(&format!("N_({quoted})")) || same.contains(&quoted),
                    "the {menu} menu's label {quoted}: mark it N_({quoted}) in playground.js's \
                     PAGE_WORDS (and translate it), or add it to SAME"
                );
            }
        }
    }
}
