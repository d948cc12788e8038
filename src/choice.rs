//! The choices a user makes by name (an activation, a loss, an optimizer, units, a dataset, a
//! normalisation, a synthetic shape): each is declared once, with the crate's `choice!` macro,
//! and every face derives from that one declaration.
//!
//! From the list of variants, each with its name, a short label and its documentation, the macro
//! writes the enum and: [`Choice`] (`ALL`, `NAMES`, [`Choice::name`], [`Choice::label`],
//! [`Choice::from_name`]), `Display` and `FromStr` by the name, serde by the name (model files),
//! and with the feature `cli` clap's `ValueEnum` (the name, and the documentation as the help of
//! each possible value). An unknown name is [`Error::UnknownName`], which lists the accepted
//! names. The playground (`web/`) fills its menus from [`Choice::ALL`] and [`Choice::label`].
//!
//! ```
//! use nn_from_scratch::choice::Choice;
//! use nn_from_scratch::mlp::Activation;
//! assert_eq!("tanh".parse::<Activation>()?, Activation::Tanh);
//! assert!(Activation::NAMES.starts_with("sigmoid, tanh"));
//! let e = "softsign".parse::<Activation>().unwrap_err().to_string();
//! let expected = format!("unknown activation \"softsign\"; expected one of: {}", Activation::NAMES);
//! assert_eq!(e, expected);
//! # Ok::<(), nn_from_scratch::Error>(())
//! ```

use crate::error::Error;

/// A value chosen by name from a fixed list; implemented by the crate's `choice!` macro.
pub trait Choice: Copy + Eq + Sized + 'static {
    /// What is chosen, in words, for messages: `activation`, `loss`, ...
    const KIND: &'static str;
    /// Every value, in the order of the declaration.
    const ALL: &'static [Self];
    /// The accepted names, in the order of [`Choice::ALL`], separated by `, `.
    const NAMES: &'static str;

    /// The name: what the command line, the model files and the playground's address take.
    fn name(self) -> &'static str;

    /// A short English label for a menu (the playground's `<select>`).
    fn label(self) -> &'static str;

    /// The documentation of the value, without Markdown: the help of `--help`.
    fn help(self) -> String;

    /// The value called `name` (exactly), or [`Error::UnknownName`] listing the names.
    fn from_name(name: &str) -> Result<Self, Error> {
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.name() == name)
            .ok_or_else(|| Error::UnknownName {
                kind: Self::KIND,
                found: name.to_string(),
                expected: Self::NAMES,
            })
    }
}

/// Plain text from a variant's doc comment, as a terminal shows it (`--help`): the lines joined,
/// rustdoc's markup dropped (links to items, code marks), and no final full stop (as clap shows
/// help).
#[doc(hidden)]
pub fn plain_help(doc: &str) -> String {
    let text = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text.replace("[`", "").replace("`]", "").replace('`', "");
    text.trim_end_matches('.').to_string()
}

/// Declares a [`Choice`]: the enum, its names, labels and documentation, once.
///
/// ```ignore
/// choice! {
///     /// The enum's documentation.
///     pub enum Loss: "loss" {
///         /// Mean squared error.
///         Mse = "mse" ("mean squared error"),
///         /// Binary cross-entropy.
///         Bce = "bce" ("binary cross-entropy"),
///     }
/// }
/// ```
macro_rules! choice {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $kind:literal {
            $(#[doc = $fdoc:literal])*
            $first:ident = $fname:literal ($flabel:literal)
            $(,
                $(#[doc = $doc:literal])*
                $variant:ident = $vname:literal ($vlabel:literal)
            )* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $(#[doc = $fdoc])*
            $first,
            $(
                $(#[doc = $doc])*
                $variant,
            )*
        }

        impl $name {
            /// Every value, in the order of the declaration.
            pub const ALL: [$name; [stringify!($first) $(, stringify!($variant))*].len()] =
                [$name::$first $(, $name::$variant)*];
            /// The accepted names, separated by `, `.
            pub const NAMES: &'static str = concat!($fname $(, ", ", $vname)*);

            /// The name, as parsed by [`str::parse`], written by serde and taken on the
            /// command line.
            pub fn name(self) -> &'static str {
                match self {
                    $name::$first => $fname,
                    $($name::$variant => $vname,)*
                }
            }

            /// A short English label for a menu.
            pub fn label(self) -> &'static str {
                match self {
                    $name::$first => $flabel,
                    $($name::$variant => $vlabel,)*
                }
            }
        }

        impl $crate::choice::Choice for $name {
            const KIND: &'static str = $kind;
            const ALL: &'static [$name] = &$name::ALL;
            const NAMES: &'static str = $name::NAMES;

            fn name(self) -> &'static str {
                $name::name(self)
            }

            fn label(self) -> &'static str {
                $name::label(self)
            }

            fn help(self) -> String {
                $crate::choice::plain_help(match self {
                    $name::$first => concat!($($fdoc, " ",)* ""),
                    $($name::$variant => concat!($($doc, " ",)* ""),)*
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::Error;

            /// Parses one of the names (exactly), or fails listing them.
            fn from_str(s: &str) -> Result<Self, $crate::error::Error> {
                <$name as $crate::choice::Choice>::from_name(s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let name = <String as ::serde::Deserialize>::deserialize(d)?;
                name.parse().map_err(::serde::de::Error::custom)
            }
        }

        #[cfg(feature = "cli")]
        impl ::clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                &$name::ALL
            }

            fn to_possible_value(&self) -> Option<::clap::builder::PossibleValue> {
                let help = <$name as $crate::choice::Choice>::help(*self);
                Some(::clap::builder::PossibleValue::new(self.name()).help(help))
            }
        }
    };
}
