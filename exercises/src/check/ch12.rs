use super::*;
use nn_from_scratch::mlp::softmax::{cross_entropy, softmax};

/// `count` random lists of scores, 2 to 10 long, each from -5 to 5 around a centre: 0 for half
/// of them, and for the other half from 750 to 800 or from -800 to -750, where `e^z` alone is
/// infinite or 0; drawn afresh.
fn score_lists(draw: &mut Draw, count: usize) -> Vec<Vec<f64>> {
    (0..count)
        .map(|i| {
            let len = 2 + (draw.next_u64() % 9) as usize;
            // Half the lists near 0, half far from it.
            let sign = if draw.next_u64().is_multiple_of(2) {
                1.0
            } else {
                -1.0
            };
            let centre = if i % 2 == 0 {
                0.0
            } else {
                sign * draw.uniform(750.0, 800.0)
            };
            (0..len).map(|_| centre + draw.uniform(-5.0, 5.0)).collect()
        })
        .collect()
}

/// Compares a list the reader's function returned with the crate's, entry by entry: its
/// length, then each entry to `1e-12`. `call_name` names the function as called; `what` says
/// which lists were tried.
fn same_list(call_name: &str, got: &[f64], want: &[f64], scores: &[f64], what: &str) -> Verdict {
    if got.len() != want.len() {
        let (got, scores) = (got.len(), scores.len());
        return wrong(word("list_length", &[&call_name, &got, &scores, &what]));
    }
    let largest = scores.iter().fold(f64::NEG_INFINITY, |m, &s| m.max(s));
    for (k, (&g, &w)) in got.iter().zip(want).enumerate() {
        if !near(g, w, 1e-12) {
            let off = off(g, w);
            return wrong(if !g.is_finite() && largest.abs() > 700.0 {
                word(
                    "overflow_off",
                    &[&call_name, &k, &off, &about(largest), &what],
                )
            } else {
                word("list_off", &[&call_name, &k, &off, &what])
            });
        }
    }
    Ok(())
}

/// Exercise 12.1: softmax, computed without overflow, on 20 random lists of scores (half of
/// them far from 0), equal to the crate's to 1e-12.
pub fn softmax_stable(f: impl Fn(&[f64]) -> Vec<f64>) -> Verdict {
    let (mut draw, tried) = (Draw::new(), 20);
    for scores in score_lists(&mut draw, tried) {
        let mut want = vec![0.0; scores.len()];
        softmax(&scores, &mut want);
        let got = call(|| f(&scores))?;
        same_list(
            "stable_softmax(scores)",
            &got,
            &want,
            &scores,
            &word("scores_tried", &[&tried]),
        )?;
    }
    Ok(())
}

/// Exercise 12.2: the gradient of the cross-entropy with respect to the scores, `p - y`, on 20
/// random lists of scores and true classes, equal to the crate's softmax minus the one-hot
/// label to 1e-12.
pub fn output_gradient(f: impl Fn(&[f64], usize) -> Vec<f64>) -> Verdict {
    let (mut draw, tried) = (Draw::new(), 20);
    for scores in score_lists(&mut draw, tried) {
        let class = (draw.next_u64() % scores.len() as u64) as usize;
        let mut want = vec![0.0; scores.len()];
        softmax(&scores, &mut want);
        want[class] -= 1.0;
        let got = call(|| f(&scores, class))?;
        same_list(
            "output_gradient(scores, class)",
            &got,
            &want,
            &scores,
            &word("classes_tried", &[&class, &tried]),
        )?;
    }
    Ok(())
}

/// Exercise 12.3: the cross-entropy of the scores [2, 1, 0] when the true class is 1, to 0.001.
pub fn cross_entropy_by_hand(answer: f64) -> Verdict {
    let mut p = [0.0; 3];
    softmax(&[2.0, 1.0, 0.0], &mut p);
    by_hand("CROSS_ENTROPY_BY_HAND", answer, cross_entropy(&p, 1), 1e-3)
}
