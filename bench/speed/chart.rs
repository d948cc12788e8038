//! The figure `throughput` of the chapter "How fast is it?", drawn by `speed report` from the
//! results `cargo xtask bench` collected (`book/src/bench/results.json`), with the book's style ([`nn_from_scratch::plot::style`]).
//!
//! Above, samples per second for each group: the tutorial's training (Rust's `training::train`
//! and the tutorial's NumPy code, 4000 samples per run), then one epoch of each network shape
//! (Rust, vectorised NumPy, scikit-learn). Below, the seconds of one epoch against the number of
//! people, for the implementations measured at several sizes.
//!
//! And the figure `roofline`: what each shape's training achieves against the machine's limits.

use nn_from_scratch::plot::Figure;
use nn_from_scratch::plot::style::{
    GREY, LegendSize, PALETTE, chart_builder, font, legend_box, legend_line, line, mesh_style, px,
    render, stroke,
};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde_json::Value;

pub fn number(v: &Value, what: &str) -> Result<f64, String> {
    v.as_f64()
        .ok_or_else(|| format!("the results lack a number for {what}"))
}

/// The entry of `list` (an array of objects with "shape" and "n") for `shape` and `n`.
pub fn entry<'a>(list: &'a Value, shape: &str, n: u64) -> Result<&'a Value, String> {
    list.as_array()
        .and_then(|a| {
            a.iter()
                .find(|e| e["shape"].as_str() == Some(shape) && e["n"].as_u64() == Some(n))
        })
        .ok_or_else(|| format!("no result for {shape} on {n}"))
}

/// The network shapes of the epoch benchmark and their dataset sizes, in the order measured.
pub fn shapes(results: &Value) -> Vec<(String, u64)> {
    results["rust"]["epoch"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["shape"].as_str().unwrap_or("?").to_string(),
                        e["n"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The charts' words in one language (`words.json`'s `charts`, translated like the tables).
#[derive(serde::Deserialize)]
pub struct ChartWords {
    /// The mark between a number's whole part and its fraction.
    decimal_mark: String,
    /// Seconds, milliseconds, microseconds.
    units: [String; 3],
    /// A number in thousands, millions, billions: `{}k`, `{}M`, `{}G` in English.
    si: [String; 3],
    tutorial_group: String,
    rust: String,
    numpy_tutorial: String,
    throughput_title: String,
    samples_per_second: String,
    time_title: String,
    people_axis: String,
    seconds_axis: String,
    proportional: String,
    roofline_title: String,
    ops_axis: String,
    gflops_axis: String,
    peak_avx2: String,
    peak_avx512: String,
}

impl ChartWords {
    /// The mark between a number's whole part and its fraction, which the tables use too.
    pub fn decimal_mark(&self) -> &str {
        &self.decimal_mark
    }
}

/// The chart of the results `r` (the object of `results.json`), in the words `w` (`numpy`: the
/// vectorised NumPy's name).
pub fn figure(r: &Value, w: &ChartWords, numpy_name: &str) -> Result<Figure, String> {
    let shapes = shapes(r);
    let mut groups = vec![w.tutorial_group.clone()];
    groups.extend(shapes.iter().map(|(s, _)| s.clone()));
    // The tutorial's run: 1000 epochs of 4 people.
    let tutorial = |v: &Value| -> Result<f64, String> { Ok(4000.0 / number(v, "tutorial")?) };
    let per_shape = |imp: &str| -> Result<Vec<Option<f64>>, String> {
        shapes
            .iter()
            .map(|(shape, n)| {
                let t = number(&entry(&r[imp]["epoch"], shape, *n)?["seconds"], shape)?;
                Ok(Some(*n as f64 / t))
            })
            .collect()
    };
    let scaling = |imp: &str| -> Result<Vec<(usize, f64)>, String> {
        r[imp]["scaling"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|e| {
                Ok((
                    e["n"].as_u64().unwrap_or(0) as usize,
                    number(&e["seconds"], "scaling")?,
                ))
            })
            .collect()
    };
    let mut rust = vec![Some(tutorial(
        &r["rust"]["tutorial"]["network"]["seconds"],
    )?)];
    rust.extend(per_shape("rust")?);
    let mut tutorial_py = vec![Some(tutorial(&r["numpy_tutorial"]["tutorial"]["seconds"])?)];
    tutorial_py.extend(shapes.iter().map(|_| None));
    let mut numpy = vec![None];
    numpy.extend(per_shape("numpy")?);
    let mut sklearn = vec![None];
    sklearn.extend(per_shape("sklearn")?);
    let mut candle = vec![None];
    if !r["candle"].is_null() {
        candle.extend(per_shape("candle")?);
    }
    let (rust_scaling, numpy_scaling, sklearn_scaling) =
        (scaling("rust")?, scaling("numpy")?, scaling("sklearn")?);
    let speeds = [
        Speeds {
            name: &w.rust,
            per_group: &rust,
            scaling: &rust_scaling,
        },
        Speeds {
            name: &w.numpy_tutorial,
            per_group: &tutorial_py,
            scaling: &[],
        },
        Speeds {
            name: numpy_name,
            per_group: &numpy,
            scaling: &numpy_scaling,
        },
        Speeds {
            name: "scikit-learn",
            per_group: &sklearn,
            scaling: &sklearn_scaling,
        },
        Speeds {
            name: "candle",
            per_group: &candle,
            scaling: &[],
        },
    ];
    let speeds: Vec<Speeds<'_>> = speeds
        .into_iter()
        .filter(|s| s.per_group.len() == groups.len())
        .collect();
    let group_names: Vec<&str> = groups.iter().map(String::as_str).collect();
    throughput(&group_names, &speeds, w)
}

/// One axis of [`log_log_chart`]: its range, how its ticks are labelled, and its description.
type LogAxis<'f> = (std::ops::Range<f64>, &'f dyn Fn(&f64) -> String, &'f str);

/// A chart with logarithmic axes on both sides.
type LogLog<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<LogCoord<f64>, LogCoord<f64>>>;

/// A chart with logarithmic axes on `area`, titled `caption`, its mesh drawn in the book's style;
/// the scaling chart and the roofline share it.
fn log_log_chart<'a, 'b>(
    area: &'a DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
    caption: &str,
    (x_range, x_label, x_desc): LogAxis<'_>,
    (y_range, y_label, y_desc): LogAxis<'_>,
) -> Result<LogLog<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = chart_builder(area, caption, (48, 76))
        .build_cartesian_2d(x_range.log_scale(), y_range.log_scale())?;
    mesh_style(&mut chart.configure_mesh())
        .x_label_formatter(x_label)
        .y_label_formatter(y_label)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()?;
    Ok(chart)
}

/// One implementation's measured speeds, for [`throughput`].
#[derive(Debug, Clone, Copy)]
struct Speeds<'a> {
    /// The legend's name for it.
    name: &'a str,
    /// Samples per second for each group of the bar chart, in the order of the groups; `None`
    /// where it was not measured.
    per_group: &'a [Option<f64>],
    /// `(dataset size, seconds per epoch)` for the scaling chart; empty to leave it out there.
    scaling: &'a [(usize, f64)],
}

/// A number in thousands, millions or billions with no more digits than it needs: `1k`, `2.5M`,
/// `300` in English, in the words and decimal mark of `w` (a decimal comma and the word for a
/// million in Russian).
fn si(v: f64, w: &ChartWords) -> String {
    let [k, m, g] = &w.si;
    let (scaled, template) = if v >= 1e9 {
        (v / 1e9, g.as_str())
    } else if v >= 1e6 {
        (v / 1e6, m.as_str())
    } else if v >= 1e3 {
        (v / 1e3, k.as_str())
    } else {
        (v, "{}")
    };
    let digits = if scaled >= 100.0 || scaled.fract() == 0.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{scaled:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    template.replace("{}", &text.replace('.', &w.decimal_mark))
}

/// A duration with its unit: `2 ms`, `150 µs`, `1.2 s`.
fn seconds_label(v: f64, w: &ChartWords) -> String {
    let [s, ms, us] = &w.units;
    if v >= 1.0 {
        format!("{} {s}", si(v, w))
    } else if v >= 1e-3 {
        format!("{} {ms}", si(v * 1e3, w))
    } else {
        format!("{} {us}", si(v * 1e6, w))
    }
}

/// A logarithmic axis range covering `values`: from the power of ten below the smallest to the
/// power of ten above the largest.
fn decades(values: impl Iterator<Item = f64>) -> Result<(f64, f64), String> {
    let (lo, hi) = values.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && lo > 0.0 && hi.is_finite()) {
        return Err("speeds to plot must be positive finite numbers".to_string());
    }
    Ok((
        10f64.powf(lo.log10().floor()),
        10f64
            .powf(hi.log10().ceil())
            .max(10f64.powf(lo.log10().floor() + 1.0)),
    ))
}

/// The figure `throughput` of the chapter "How fast is it?": above, samples per second for each
/// group (the tutorial's training, then one epoch for each network shape), one bar per
/// implementation, on a logarithmic scale; below, the seconds of one epoch against the number of
/// samples, both logarithmic, with a dashed line of slope 1 (time proportional to the data)
/// through the first implementation's first point.
///
/// Fails when there is no group or no implementation, more implementations than colours (7), a
/// `per_group` of another length than `groups`, or a speed or time that is not a positive finite
/// number.
fn throughput(groups: &[&str], speeds: &[Speeds<'_>], w: &ChartWords) -> Result<Figure, String> {
    if groups.is_empty() || speeds.is_empty() || speeds.len() > PALETTE.len() {
        return Err(format!(
            "can plot 1 to {} implementations over at least one group, got {} over {}",
            PALETTE.len(),
            speeds.len(),
            groups.len()
        ));
    }
    if let Some(s) = speeds.iter().find(|s| s.per_group.len() != groups.len()) {
        return Err(format!(
            "{} has {} speeds for {} groups",
            s.name,
            s.per_group.len(),
            groups.len()
        ));
    }
    let (bar_lo, bar_hi) = decades(
        speeds
            .iter()
            .flat_map(|s| s.per_group.iter().flatten().copied()),
    )?;
    let scaled: Vec<&Speeds<'_>> = speeds.iter().filter(|s| !s.scaling.is_empty()).collect();
    let all_points = || scaled.iter().flat_map(|s| s.scaling.iter());
    let (n_lo, n_hi) = decades(all_points().map(|&(n, _)| n as f64))?;
    let (t_lo, t_hi) = decades(all_points().map(|&(_, t)| t))?;

    let figure = render("throughput", (720, 860), |root| {
        let (top, bottom) = root.split_vertically(px(440));

        // Samples per second, by group.
        let mut bars = chart_builder(&top, &w.throughput_title, (40, 76))
            .build_cartesian_2d(0.0..groups.len() as f64, (bar_lo..bar_hi).log_scale())?;
        mesh_style(&mut bars.configure_mesh())
            .disable_x_mesh()
            .x_labels(0)
            .y_label_formatter(&|v: &f64| si(*v, w))
            .y_desc(&w.samples_per_second)
            .draw()?;
        // The bars present in each group, centred in it.
        let present = |g: usize| {
            speeds
                .iter()
                .filter(move |s| s.per_group[g].is_some())
                .count()
        };
        for (i, (s, colour)) in speeds.iter().zip(PALETTE).enumerate() {
            let mut rects = Vec::new();
            let mut labels = Vec::new();
            for (g, value) in s.per_group.iter().enumerate() {
                let Some(value) = *value else { continue };
                let slot = speeds[..i]
                    .iter()
                    .filter(|o| o.per_group[g].is_some())
                    .count();
                let width = 0.8 / present(g) as f64;
                let x0 = g as f64 + 0.1 + slot as f64 * width;
                rects.push(Rectangle::new(
                    [(x0 + 0.1 * width, bar_lo), (x0 + 0.9 * width, value)],
                    colour.filled(),
                ));
                labels.push(Text::new(
                    si(value, w),
                    (x0 + 0.5 * width, value),
                    font(11.0).pos(Pos::new(HPos::Center, VPos::Bottom)),
                ));
            }
            bars.draw_series(rects)?
                .label(s.name)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - px(6)), (x + px(16), y + px(6))], colour.filled())
                });
            bars.draw_series(labels)?;
        }
        bars.draw_series(groups.iter().enumerate().map(|(g, name)| {
            EmptyElement::at((g as f64 + 0.5, bar_lo))
                + Text::new(
                    name.to_string(),
                    (0, px(10)),
                    font(13.0).pos(Pos::new(HPos::Center, VPos::Top)),
                )
        }))?;
        legend_box(
            &mut bars,
            SeriesLabelPosition::UpperRight,
            LegendSize::Small,
        )?;

        // Seconds per epoch, by dataset size.
        let mut lines = log_log_chart(
            &bottom,
            &w.time_title,
            (n_lo..n_hi, &|v| si(*v, w), &w.people_axis),
            (t_lo..t_hi, &|v| seconds_label(*v, w), &w.seconds_axis),
        )?;
        if let Some(&(n0, t0)) = scaled.first().and_then(|s| s.scaling.first()) {
            let line = [(n_lo, t0 * n_lo / n0 as f64), (n_hi, t0 * n_hi / n0 as f64)];
            lines
                .draw_series(DashedLineSeries::new(line, px(6), px(6), stroke(GREY, 1)))?
                .label(&w.proportional)
                .legend(legend_line(stroke(GREY, 1)));
        }
        for (s, colour) in speeds.iter().zip(PALETTE) {
            if s.scaling.is_empty() {
                continue;
            }
            let points = s.scaling.iter().map(|&(n, t)| (n as f64, t));
            line(&mut lines, points.clone(), stroke(colour, 3), s.name)?;
            lines.draw_series(points.map(|p| Circle::new(p, px(4), colour.filled())))?;
        }
        legend_box(
            &mut lines,
            SeriesLabelPosition::UpperLeft,
            LegendSize::Small,
        )?;
        Ok(())
    });
    figure.map_err(|e| e.to_string())
}

/// The layer sizes of a shape's name, `2-16-1`.
fn sizes(shape: &str) -> Result<Vec<usize>, String> {
    shape
        .split('-')
        .map(|n| n.parse().map_err(|e| format!("bad shape {shape}: {e}")))
        .collect()
}

/// Floating-point operations per sample of one training step of the network `shape` (a
/// multiply-add counts as two): the forward pass's products, the weight gradient's, and the
/// backward products through every layer but the first.
pub fn training_flops(shape: &str) -> Result<f64, String> {
    let sizes = sizes(shape)?;
    let macs: usize = sizes.windows(2).map(|w| w[0] * w[1]).sum();
    Ok((2 * (3 * macs - sizes[0] * sizes[1])) as f64)
}

/// The bytes of one person read from the dataset: two inputs and a label, `f64` each.
const BYTES_PER_SAMPLE: f64 = 24.0;

/// The figure `roofline` of the chapter "How fast is it?": training speed in GFLOP/s against
/// operations per byte of data read, both logarithmic. The roofs: the peak of one core's
/// multiply-adds (with AVX2, and with AVX-512 where measured) and, on the left, how fast main
/// memory delivers the data (read bandwidth times operations per byte). Each implementation's
/// training of each shape is one point; the closer to the roof, the more of the machine it uses.
pub fn roofline(r: &Value, w: &ChartWords, numpy: &str) -> Result<Figure, String> {
    let peak = &r["rust"]["peak"];
    let bandwidth = number(&peak["read_gbytes_per_s"], "read bandwidth")?;
    let mut roofs = vec![(
        w.peak_avx2.as_str(),
        number(&peak["avx2_fma_gflops"], "AVX2 peak")?,
    )];
    if let Some(v) = peak["avx512_gflops"].as_f64() {
        roofs.push((w.peak_avx512.as_str(), v));
    }
    let top = roofs.iter().map(|r| r.1).fold(0.0, f64::max);
    // Each with its colour in the figure `throughput`.
    let mut imps = vec![("rust", w.rust.as_str(), PALETTE[0])];
    if !r["candle"].is_null() {
        imps.push(("candle", "candle", PALETTE[4]));
    }
    imps.extend([
        ("numpy", numpy, PALETTE[2]),
        ("sklearn", "scikit-learn", PALETTE[3]),
    ]);
    let mut points = Vec::new();
    for (imp, name, colour) in &imps {
        let mut series = Vec::new();
        for (shape, n) in shapes(r) {
            let flops = training_flops(&shape)?;
            let t = number(&entry(&r[*imp]["epoch"], &shape, n)?["seconds"], &shape)?;
            series.push((shape, flops / BYTES_PER_SAMPLE, flops * n as f64 / t / 1e9));
        }
        points.push((*name, *colour, series));
    }
    let all = || points.iter().flat_map(|p| p.2.iter());
    let (x_lo, x_hi) = decades(all().map(|p| p.1))?;
    let x_lo = x_lo / 10.0; // room left of the smallest network
    let (y_lo, y_hi) = decades(all().map(|p| p.2).chain([top]))?;
    let figure = render("roofline", (720, 480), |root| {
        let mut chart = log_log_chart(
            root,
            &w.roofline_title,
            (x_lo..x_hi, &|v| si(*v, w), &w.ops_axis),
            (y_lo..y_hi, &|v| si(*v, w), &w.gflops_axis),
        )?;
        for (i, (name, peak)) in roofs.iter().enumerate() {
            let knee = peak / bandwidth;
            let roof = [(x_lo, bandwidth * x_lo), (knee, *peak), (x_hi, *peak)];
            let style = stroke(if i == 0 { GREY } else { INK_ROOF }, 2);
            chart
                .draw_series(DashedLineSeries::new(roof, px(8), px(5), style))?
                .label(format!("{name}: {peak:.0} GFLOP/s"))
                .legend(legend_line(style));
        }
        for &(name, colour, ref series) in &points {
            let at = series.iter().map(|p| (p.1, p.2));
            chart
                .draw_series(at.map(|p| Circle::new(p, px(5), colour.filled())))?
                .label(name)
                .legend(move |(x, y)| Circle::new((x + px(8), y), px(5), colour.filled()));
        }
        // The shapes' names above the crate's points.
        if let Some((_, _, series)) = points.first() {
            chart.draw_series(series.iter().map(|(shape, x, y)| {
                Text::new(
                    shape.clone(),
                    (*x, *y),
                    font(12.0).pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            }))?;
        }
        legend_box(
            &mut chart,
            SeriesLabelPosition::LowerRight,
            LegendSize::Small,
        )?;
        Ok(())
    });
    figure.map_err(|e| e.to_string())
}

/// The colour of the second roof (AVX-512).
const INK_ROOF: RGBColor = RGBColor(33, 33, 33);
