//! Every choice made by name is declared once (`src/choice.rs`): each face that lists the names
//! is compared here with the declaration, so that adding a value fails until every list has it.

use std::process::Command;

use nn_from_scratch::Error;
use nn_from_scratch::choice::Choice;
use nn_from_scratch::csv_data::Units;
use nn_from_scratch::datasets::{BuiltinDataset, NormalisationKind};
use nn_from_scratch::mlp::{Activation, Loss};
use nn_from_scratch::optimizer::OptimizerKind;
use nn_from_scratch::shapes::Shape;

/// Names, parsing, printing, serde and the error of an unknown name agree for one choice.
fn check<C>()
where
    C: Choice + std::fmt::Display + std::fmt::Debug + std::str::FromStr<Err = Error>,
    C: serde::Serialize + for<'de> serde::Deserialize<'de>,
{
    let names: Vec<&str> = C::ALL.iter().map(|c| c.name()).collect();
    assert_eq!(C::NAMES, names.join(", "), "{}", C::KIND);
    let mut labels: Vec<&str> = C::ALL.iter().map(|c| c.label()).collect();
    labels.sort();
    labels.dedup();
    assert_eq!(
        labels.len(),
        C::ALL.len(),
        "{}: labels are distinct",
        C::KIND
    );
    for &c in C::ALL {
        assert_eq!(c.to_string(), c.name());
        assert_eq!(c.name().parse::<C>().ok(), Some(c));
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, format!("{:?}", c.name()));
        assert_eq!(serde_json::from_str::<C>(&json).unwrap(), c);
        assert!(
            !c.help().is_empty() && !c.help().contains('`'),
            "{}",
            c.name()
        );
    }
    let e = "no-such-name".parse::<C>().unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "unknown {} \"no-such-name\"; expected one of: {}",
            C::KIND,
            C::NAMES
        )
    );
    let serde_error = serde_json::from_str::<C>("\"no-such-name\"").unwrap_err();
    assert!(serde_error.to_string().contains(C::NAMES), "{serde_error}");
}

#[test]
fn every_choice_agrees_with_itself() {
    check::<Activation>();
    check::<Loss>();
    check::<OptimizerKind>();
    check::<Units>();
    check::<BuiltinDataset>();
    check::<NormalisationKind>();
    check::<Shape>();
}

/// The options of `train` that take a choice, with its names.
fn options() -> Vec<(&'static str, Vec<&'static str>)> {
    fn names<C: Choice>() -> Vec<&'static str> {
        C::ALL.iter().map(|c| c.name()).collect()
    }
    vec![
        ("--activation", names::<Activation>()),
        ("--loss", names::<Loss>()),
        ("--optimizer", names::<OptimizerKind>()),
        ("--units", names::<Units>()),
        ("--dataset", names::<BuiltinDataset>()),
        ("--normalisation", names::<NormalisationKind>()),
    ]
}

#[test]
fn readme_s_option_table_lists_every_name() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for (option, names) in options() {
        let row = format!("| `{option} {}` |", names.join("\\|"));
        assert!(
            readme.contains(&row),
            "README's option table should have the row starting {row}"
        );
    }
}

#[test]
fn train_help_lists_every_name_with_its_help() {
    let out = Command::new(env!("CARGO_BIN_EXE_nn-from-scratch"))
        .args(["train", "--help"])
        .output()
        .expect("the binary runs");
    let help = String::from_utf8(out.stdout).expect("UTF-8");
    for (option, names) in options() {
        let at = help.find(&format!("{option} <")).expect(option);
        let section = &help[at..];
        for name in names {
            assert!(
                section.contains(&format!("- {name}:")),
                "{option}: {name} missing from --help"
            );
        }
    }
}
