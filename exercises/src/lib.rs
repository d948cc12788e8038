//! The book's exercises, one file per chapter: write your answers in `src/chNN.rs` in place of
//! each `todo!()` (or `f64::NAN`, `None`), then
//!
//! ```text
//! cargo test -p exercises --test ch04   # check chapter 4's exercises
//! cargo xtask exercises                 # wrong, not started, done; the hint of the next one
//! ```
//!
//! Each chapter's file is compiled on its own, by the test target `tests/chNN.rs` (which
//! includes it; this library never does): a mistake that stops one chapter's file from
//! compiling stops that chapter's tests only, and never the other chapters', the progress or
//! the notebooks, which load this library for its checks. [`chapter_tests!`] is the one table
//! of which check each exercise's test calls with which of your answers.
//!
//! [`check`] says what "correct" means for every exercise: the tests, the notebooks' check
//! cells and CI all call it. Our solutions live in [`solutions`] (the book shows them, folded
//! away; the chapters' doctests check them). `EXERCISES_ANSWERS=DIR cargo test -p exercises
//! --tests` checks the files `DIR/chNN.rs` instead of `src/chNN.rs` (DIR absolute): that is how
//! `cargo xtask exercises --check` tests the committed starters and our solutions.
//!
//! The Russian edition's starters are `ru/chNN.rs`, these with their comments and strings in
//! Russian, which `cargo xtask exercises --language ru` writes the first time (git ignores them:
//! they hold the reader's answers): with the feature `ru` the tests take the answers from there
//! and every message of the checks is Russian (`cargo test -p exercises --features ru --test
//! ch04`). The Russian book translates our solutions as it includes them.

pub mod check;
pub mod solutions;
mod words;

#[cfg(test)]
mod mistakes;

/// The tests of one chapter, for its test target `tests/chNN.rs`: `chapter_tests!(ch04);`
/// includes the reader's `src/ch04.rs` as the module `answers` and writes one test per exercise,
/// `exN_what`, calling the check with the answers it names. The table of every exercise.
#[macro_export]
macro_rules! chapter_tests {
    (ch01) => {
        $crate::tests!(ch01 {
            ex1_sigmoid_derivative: sigmoid_derivative(sigmoid_derivative);
            ex2_neuron_output: neuron_output(NEURON_OUTPUT);
            ex3_slope_ratio: slope_ratio(SLOPE_RATIO_PREDICTION, slope_ratio);
        });
    };
    (ch02) => {
        $crate::tests!(ch02 {
            ex1_feedforward: feedforward(feedforward);
            ex2_output_at_origin: output_at_origin(OUTPUT_AT_ORIGIN);
            ex3_all_zero: all_zero(ALL_ZERO_PREDICTION, all_zero_outputs);
        });
    };
    (ch03) => {
        $crate::tests!(ch03 {
            ex1_mean_squared_error: mse(mean_squared_error);
            ex2_my_people: my_people(my_people);
            ex3_loss_by_hand: loss_by_hand(LOSS_BY_HAND);
        });
    };
    (ch04) => {
        $crate::tests!(ch04 {
            ex1_dl_dw5_alice: dl_dw5_alice(DL_DW5_ALICE);
            ex2_d_l_d_w3: d_l_d_w3(d_l_d_w3);
            ex3_best_step: best_step(BEST_STEP_PREDICTION, numeric_d_l_d_w1);
        });
    };
    (ch05) => {
        $crate::tests!(ch05 {
            ex1_gradient_step: sgd_step(gradient_step);
            ex2_w5_after_one_step: w5_after_one_step(W5_AFTER_ONE_STEP);
            ex3_best_learn_rate: best_learn_rate(BEST_LEARN_RATE_PREDICTION, final_loss);
        });
    };
    (ch07) => {
        $crate::tests!(ch07 {
            ex1_mean_and_sd: mean_and_sd(mean_and_sd);
            ex2_accuracy_by_hand: accuracy_by_hand(ACCURACY_BY_HAND);
            ex3_no_shift: no_shift(BEATS_MAJORITY_PREDICTION, accuracy_without_shift);
        });
    };
    (ch08) => {
        $crate::tests!(ch08 {
            ex1_deep_network: deep_network(deep_network);
            ex2_param_count: param_count(PARAM_COUNT);
            ex3_every_seed: every_seed(ALL_SEEDS_PREDICTION, final_losses);
        });
    };
    (ch09) => {
        $crate::tests!(ch09 {
            ex1_momentum_step: momentum_step(momentum_step);
            ex2_tanh_derivative: tanh_derivative(tanh_derivative);
            ex3_bce_by_hand: bce_by_hand(BCE_BY_HAND);
        });
    };
    (ch12) => {
        $crate::tests!(ch12 {
            ex1_stable_softmax: softmax_stable(stable_softmax);
            ex2_output_gradient: output_gradient(output_gradient);
            ex3_cross_entropy_by_hand: cross_entropy_by_hand(CROSS_ENTROPY_BY_HAND);
        });
    };
}

/// The module `answers` (the chapter's file, from `EXERCISES_ANSWERS`, set by `build.rs`) and a
/// test per exercise; see [`chapter_tests!`].
#[doc(hidden)]
#[macro_export]
macro_rules! tests {
    ($chapter:ident { $($test:ident: $check:ident($($answer:ident),*);)* }) => {
        // The edition's starters are not written yet: say how to write them (build.rs).
        #[cfg(exercises_not_written)]
        compile_error!(include_str!(concat!(env!("OUT_DIR"), "/not_written.txt")));
        /// The reader's answers: `src/chNN.rs`, as it is.
        #[cfg(not(exercises_not_written))]
        #[allow(unused_imports, unused_variables, dead_code)]
        mod answers {
            include!(concat!(env!("EXERCISES_ANSWERS"), "/", stringify!($chapter), ".rs"));
        }
        $(
            #[cfg(not(exercises_not_written))]
            #[test]
            fn $test() {
                if let Err(wrong) = $crate::check::$chapter::$check($(answers::$answer),*) {
                    panic!("{wrong}");
                }
            }
        )*
    };
}
