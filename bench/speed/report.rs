//! `speed report RESULTS_JSON [OUT_DIR]`: the comparison `cargo xtask bench` collected, checked
//! and written up. Before anything is compared, the programs must agree on the arithmetic: the
//! tutorial's final loss, and the loss after one unshuffled epoch from the same start for every
//! shape, must match to 1e-9. Then it prints the Markdown tables (with the date, the machine and
//! the versions) and, given `OUT_DIR`, writes there `results.json`, `results.md` (included by the
//! chapter "How fast is it?"), the same tables in Russian for the Russian edition
//! (`results.ru.md`, its words from `po/ru.po`, see [`Words`]) and the charts `throughput.svg`
//! and `roofline.svg`.

use std::path::Path;

use catalog::fill;
use serde_json::Value;

use crate::chart::{self, entry, number, shapes};

/// Runs the report (see the module documentation).
pub fn run(results: &Path, out: Option<&Path>) -> Result<(), String> {
    let text = std::fs::read_to_string(results)
        .map_err(|e| format!("cannot read {}: {e}", results.display()))?;
    let r: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not valid JSON: {e}", results.display()))?;
    check_agreement(
        &r["rust"],
        &r["numpy_tutorial"],
        &r["numpy"],
        &r["sklearn"],
        &r["candle"],
    )?;
    let table = markdown(&r, &Words::english()?)?;
    println!("\n{table}");
    if let Some(out) = out {
        let write = |name: &str, text: &str| {
            std::fs::write(out.join(name), text)
                .map_err(|e| format!("cannot write {}: {e}", out.join(name).display()))
        };
        write("results.json", &text)?;
        write("results.md", &table)?;
        // Each translation's tables, from its catalog: results.LANG.md.
        let mut catalogs: Vec<_> = std::fs::read_dir(po_dir())
            .map_err(|e| format!("cannot read {}: {e}", po_dir().display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "po"))
            .collect();
        catalogs.sort();
        for po in catalogs {
            let code = po.file_stem().and_then(|s| s.to_str()).unwrap_or("xx");
            let w = Words::translated(&po)?;
            write(&format!("results.{code}.md"), &markdown(&r, &w)?)?;
            let throughput = chart::figure(&r, &w.charts, &w.numpy)?;
            write(&format!("throughput.{code}.svg"), throughput.svg())?;
            let roofline = chart::roofline(&r, &w.charts, &w.numpy)?;
            write(&format!("roofline.{code}.svg"), roofline.svg())?;
        }
        let english = Words::english()?;
        write(
            "throughput.svg",
            chart::figure(&r, &english.charts, &english.numpy)?.svg(),
        )?;
        write(
            "roofline.svg",
            chart::roofline(&r, &english.charts, &english.numpy)?.svg(),
        )?;
        println!(
            "speed: wrote results.json, results.md, throughput.svg, roofline.svg and each translation's results.LANG.md, throughput.LANG.svg and roofline.LANG.svg in {}",
            out.display()
        );
    }
    Ok(())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every program must have done the same arithmetic: the same final loss for the tutorial, and
/// the same loss after one unshuffled epoch from the same start for every shape.
fn check_agreement(
    rust: &Value,
    tutorial: &Value,
    numpy: &Value,
    sklearn: &Value,
    candle: &Value,
) -> Result<(), String> {
    let mut problems = Vec::new();
    let reference = number(&rust["tutorial"]["network"]["final_loss"], "tutorial loss")?;
    for (what, v) in [
        ("Rust Mlp::fit", &rust["tutorial"]["mlp"]["final_loss"]),
        ("bench/tutorial.py", &tutorial["tutorial"]["final_loss"]),
    ] {
        let found = number(v, what)?;
        if !close(found, reference) {
            problems.push(format!(
                "tutorial: {what} ends at loss {found}, training::train at {reference}"
            ));
        }
    }
    let checks = rust["check"].as_array().cloned().unwrap_or_default();
    for c in &checks {
        let shape = c["shape"].as_str().unwrap_or("?");
        let n = c["n"].as_u64().unwrap_or(0);
        let want = number(&c["loss"], "check loss")?;
        let peers = [
            ("NumPy", numpy),
            ("scikit-learn", sklearn),
            ("candle", candle),
        ];
        for (what, other) in peers.into_iter().filter(|(_, v)| !v.is_null()) {
            let found = number(&entry(&other["check"], shape, n)?["loss"], "check loss")?;
            if !close(found, want) {
                problems.push(format!(
                    "{shape}: after one epoch {what} has loss {found}, the crate {want}"
                ));
            }
        }
    }
    // The digits (absent from results measured before they were added).
    if let Ok(want) = number(&rust["digits"]["check"]["loss"], "digits loss") {
        for (what, other) in [("NumPy", numpy), ("scikit-learn", sklearn)] {
            let found = number(&other["digits"]["check"]["loss"], "digits loss")?;
            if !close(found, want) {
                problems.push(format!(
                    "digits: after one epoch {what} has loss {found}, the crate {want}"
                ));
            }
        }
    }
    if !candle.is_null() && candle["threads"].as_u64() != Some(1) {
        problems.push(format!(
            "candle ran on {} threads, not one",
            candle["threads"]
        ));
    }
    if problems.is_empty() {
        println!(
            "bench: all programs agree (tutorial loss {reference:.6}; one epoch on {} people for {} shapes)",
            checks.first().and_then(|c| c["n"].as_u64()).unwrap_or(0),
            checks.len()
        );
        Ok(())
    } else {
        Err(format!(
            "the programs do not compute the same thing:\n  {}",
            problems.join("\n  ")
        ))
    }
}

/// The words of the tables in one language (the numbers are the same in both): English in
/// `words.json`, another language's from its catalog `po/LANG.po`, where `cargo xtask translate`
/// puts these messages beside the chapters'.
#[derive(serde::Deserialize)]
pub struct Words {
    /// Between groups of three digits: `,` in English, a no-break space in Russian.
    thousands: String,
    /// Seconds, milliseconds, microseconds, nanoseconds.
    units: [String; 4],
    /// The opening: date, processor, cores, load before, after; rustc; Python, NumPy,
    /// scikit-learn, BLAS (in this order, as `{}`).
    measured: String,
    /// NumPy's BLAS: its name and version, the processor kind it was built for, its threads.
    blas: String,
    /// A percentage: `{}%` in English, with a no-break space before the sign in Russian.
    percent: String,
    /// With candle: its version and threads.
    peer: String,
    tutorial_heading: String,
    tutorial_columns: String,
    tutorial_rows: [String; 3],
    shape: String,
    numpy: String,
    /// The peer's name.
    versus: String,
    /// People, batch, learning rate.
    epoch_heading: String,
    /// People, chunk, candle's part.
    predict_heading: String,
    candle_chunks: String,
    /// The shape.
    scaling_heading: String,
    scaling_columns: String,
    /// AVX2 peak, the AVX-512 part, bandwidth.
    peak_heading: String,
    avx512: String,
    peak_columns: String,
    candle_gflops: String,
    /// Rows, shape, batch, learning rate.
    digits_heading: String,
    digits_columns: String,
    /// The charts' words.
    charts: chart::ChartWords,
}

/// The English words, as `words.json` declares them.
pub const WORDS_JSON: &str = include_str!("words.json");

/// Where the translations are: the repository's `po/`.
fn po_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("po")
}

impl Words {
    /// The tables' words in English.
    pub fn english() -> Result<Words, String> {
        serde_json::from_str(WORDS_JSON).map_err(|e| format!("bench/speed/words.json: {e}"))
    }

    /// The tables' words in the language of the catalog `po` (`po/ru.po`): each English text
    /// of `words.json` translated. Fails naming a text the catalog has no translation of.
    pub fn translated(po: &Path) -> Result<Words, String> {
        let translations = catalog::read(po)?;
        fn each(
            v: &mut Value,
            f: &mut dyn FnMut(&mut String) -> Result<(), String>,
        ) -> Result<(), String> {
            match v {
                Value::String(s) => f(s),
                Value::Array(items) => items.iter_mut().try_for_each(|v| each(v, f)),
                Value::Object(fields) => fields.values_mut().try_for_each(|v| each(v, f)),
                _ => Ok(()),
            }
        }
        let mut words: Value = serde_json::from_str(WORDS_JSON).map_err(|e| e.to_string())?;
        each(&mut words, &mut |s| match translations.get(s.as_str()) {
            Some(t) => {
                *s = t.to_string();
                Ok(())
            }
            None => Err(format!(
                "{} has no translation of {s:?} (bench/speed/words.json): run `cargo xtask \
                 translate` and translate it",
                po.display()
            )),
        })?;
        serde_json::from_value(words).map_err(|e| e.to_string())
    }
}

impl Words {
    /// `1234567.8` as `1,234,568` (English) or `1 234 568` (Russian).
    fn thousands(&self, v: f64) -> String {
        let digits = format!("{:.0}", v);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(&self.thousands);
            }
            out.push(c);
        }
        out
    }

    /// A duration in the unit that suits it.
    fn duration(&self, seconds: f64) -> String {
        let [s, ms, us, _] = &self.units;
        self.decimal(if seconds >= 1.0 {
            format!("{seconds:.2} {s}")
        } else if seconds >= 1e-3 {
            format!("{:.2} {ms}", seconds * 1e3)
        } else {
            format!("{:.1} {us}", seconds * 1e6)
        })
    }

    /// A speed ratio: `12×`, `1.3×` (`1,3×` in Russian).
    fn ratio(&self, r: f64) -> String {
        self.decimal(if r >= 10.0 {
            format!("{r:.0}×")
        } else {
            format!("{r:.1}×")
        })
    }

    /// `text`, a number Rust formatted, with this language's decimal mark (the charts' one).
    fn decimal(&self, text: String) -> String {
        text.replace('.', self.charts.decimal_mark())
    }
}

/// The Markdown tables of the results in the words `w`, with the date, the machine and the
/// versions.
fn markdown(r: &Value, w: &Words) -> Result<String, String> {
    let mut md = String::new();
    let m = &r["machine"];
    let v = &r["versions"];
    let text = |v: &Value| v.as_str().unwrap_or("?").to_string();
    md.push_str(&fill(
        &w.measured,
        &[
            text(&r["date"]),
            text(&m["cpu"]),
            m["cores"].to_string(),
            w.decimal(format!("{:.2}", number(&m["load_before"], "load")?)),
            w.decimal(format!("{:.2}", number(&m["load_after"], "load")?)),
            text(&v["rustc"]),
            text(&v["python"]),
            text(&v["numpy"]),
            text(&v["scikit-learn"]),
            fill(
                &w.blas,
                &[
                    text(&v["blas"]["name"]),
                    text(&v["blas"]["architecture"]),
                    v["blas"]["threads"].to_string(),
                ],
            ),
        ],
    ));
    md.push_str("\n\n");
    if let Some(version) = v["candle"].as_str() {
        let md_len = md.len() - "\n\n".len();
        md.insert_str(
            md_len,
            &fill(
                &w.peer,
                &[version.to_string(), r["candle"]["threads"].to_string()],
            ),
        );
    }

    // 1. The tutorial.
    let py = number(&r["numpy_tutorial"]["tutorial"]["seconds"], "tutorial.py")?;
    let net = number(&r["rust"]["tutorial"]["network"]["seconds"], "train")?;
    let mlp = number(&r["rust"]["tutorial"]["mlp"]["seconds"], "Mlp::fit")?;
    md.push_str(&format!(
        "{}\n\n{}\n|---|--:|--:|--:|\n",
        &w.tutorial_heading, &w.tutorial_columns
    ));
    for (name, t) in w.tutorial_rows.iter().zip([py, net, mlp]) {
        md.push_str(&format!(
            "| {name} | {} | {} | {} |\n",
            w.duration(t),
            w.thousands(4000.0 / t),
            w.ratio(py / t)
        ));
    }

    // 2. One epoch for each shape.
    let s = &r["settings"];
    let shapes = shapes(r);
    let train_n = shapes.first().map(|s| s.1).unwrap_or(0);
    // The implementations of the tables, candle only when it ran (`cargo xtask bench --peers`).
    let mut imps = vec![("rust", "Rust")];
    if !r["candle"].is_null() {
        imps.push(("candle", "candle"));
    }
    imps.extend([("numpy", w.numpy.as_str()), ("sklearn", "scikit-learn")]);
    // A table's heading (`heading` filled with `args`) and its header rows.
    let table = |heading: &str, args: &[String]| {
        let names: Vec<&str> = imps.iter().map(|i| i.1).collect();
        let versus: Vec<String> = imps[1..]
            .iter()
            .map(|i| {
                fill(
                    &w.versus,
                    &[i.1.split(',').next().unwrap_or(i.1).to_string()],
                )
            })
            .collect();
        let versus = versus.join(" | ");
        let align = "--:|".repeat(2 * imps.len() - 1);
        format!(
            "\n{}\n\n| {} | {} | {versus} |\n|---|{align}\n",
            fill(heading, args),
            &w.shape,
            names.join(" | ")
        )
    };
    // One row of samples (or predictions) per second and Rust's speed-ups, from `list`'s seconds.
    let row = |shape: &str, n: u64, list: &str| -> Result<String, String> {
        let t: Vec<f64> = imps
            .iter()
            .map(|(imp, _)| number(&entry(&r[*imp][list], shape, n)?["seconds"], shape))
            .collect::<Result<_, _>>()?;
        let speeds: Vec<String> = t.iter().map(|t| w.thousands(n as f64 / t)).collect();
        let ratios: Vec<String> = t[1..].iter().map(|o| w.ratio(o / t[0])).collect();
        Ok(format!(
            "| {shape} | {} | {} |\n",
            speeds.join(" | "),
            ratios.join(" | ")
        ))
    };
    let (batch, learn_rate) = (
        s["batch"].to_string(),
        w.decimal(s["learn_rate"].to_string()),
    );
    md.push_str(&table(
        &w.epoch_heading,
        &[w.thousands(train_n as f64), batch, learn_rate],
    ));
    for (shape, n) in &shapes {
        md.push_str(&row(shape, *n, "epoch")?);
    }

    // 3. Inference.
    let infer = r["rust"]["inference"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let infer_n = infer.first().and_then(|e| e["n"].as_u64()).unwrap_or(0);
    let candle = if r["candle"].is_null() {
        ""
    } else {
        &w.candle_chunks
    };
    let chunk = s["predict_chunk"].to_string();
    md.push_str(&table(
        &w.predict_heading,
        &[w.thousands(infer_n as f64), chunk, candle.into()],
    ));
    for (shape, _) in &shapes {
        md.push_str(&row(shape, infer_n, "inference")?);
    }

    // 4. Scaling.
    let scaling = r["rust"]["scaling"].as_array().cloned().unwrap_or_default();
    let scaling_shape = scaling
        .first()
        .and_then(|e| e["shape"].as_str())
        .unwrap_or("?")
        .to_string();
    md.push_str(&format!(
        "\n{}\n\n{}\n|--:|--:|--:|--:|--:|--:|--:|\n",
        fill(&w.scaling_heading, std::slice::from_ref(&scaling_shape)),
        &w.scaling_columns
    ));
    for e in &scaling {
        let n = e["n"].as_u64().unwrap_or(0);
        let t = |imp: &str| {
            number(
                &entry(&r[imp]["scaling"], &scaling_shape, n)?["seconds"],
                "scaling",
            )
        };
        let (tr, tn, ts) = (t("rust")?, t("numpy")?, t("sklearn")?);
        let per = |t: f64| format!("{:.0} {}", t / n as f64 * 1e9, w.units[3]);
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            w.thousands(n as f64),
            w.duration(tr),
            per(tr),
            w.duration(tn),
            per(tn),
            w.duration(ts),
            per(ts)
        ));
    }

    // 5. The machine's limit.
    let peak = &r["rust"]["peak"];
    if let Ok(top) = number(&peak["peak_gflops"], "peak") {
        let avx2 = number(&peak["avx2_fma_gflops"], "AVX2 peak").unwrap_or(f64::NAN);
        let avx512 = peak["avx512_gflops"].as_f64();
        let avx512 = avx512.map_or(String::new(), |v| {
            fill(&w.avx512, &[w.decimal(format!("{v:.1}"))])
        });
        let (candle_column, candle_align) = match r["candle"].is_null() {
            true => ("", ""),
            false => (w.candle_gflops.as_str(), "--:|"),
        };
        md.push_str(&format!(
            "\n{}\n\n{}{candle_column}\n|---|--:|--:|--:|--:|{candle_align}\n",
            fill(
                &w.peak_heading,
                &[
                    w.decimal(format!("{avx2:.1}")),
                    avx512,
                    w.decimal(format!(
                        "{:.1}",
                        number(&peak["read_gbytes_per_s"], "bandwidth")?
                    ))
                ]
            ),
            &w.peak_columns,
        ));
        for (shape, n) in &shapes {
            let flops = chart::training_flops(shape)?;
            let gflops = |imp: &str| -> Result<f64, String> {
                let t = number(&entry(&r[imp]["epoch"], shape, *n)?["seconds"], shape)?;
                Ok(flops * *n as f64 / t / 1e9)
            };
            let rust = gflops("rust")?;
            let candle = match r["candle"].is_null() {
                true => String::new(),
                false => format!(" {} |", w.decimal(format!("{:.2}", gflops("candle")?))),
            };
            let share = |part: f64| fill(&w.percent, &[w.decimal(format!("{part:.1}"))]);
            md.push_str(&format!(
                "| {shape} | {} | {} | {} | {} |{candle}\n",
                w.thousands(flops),
                w.decimal(format!("{rust:.2}")),
                share(100.0 * rust / top),
                share(100.0 * rust / avx2)
            ));
        }
    }

    // 6. One epoch on the digits (absent from results measured before they were added).
    let epoch = |imp: &str| number(&r[imp]["digits"]["epoch"]["seconds"], "digits epoch");
    if let (Ok(rust), Ok(numpy), Ok(sklearn)) = (epoch("rust"), epoch("numpy"), epoch("sklearn")) {
        let d = &r["rust"]["digits"]["epoch"];
        let n = number(&d["n"], "digits")?;
        let heading = fill(
            &w.digits_heading,
            &[
                w.thousands(n),
                text(&d["shape"]),
                s["batch"].to_string(),
                w.decimal(s["learn_rate"].to_string()),
            ],
        );
        md.push_str(&format!(
            "\n{heading}\n\n{}\n|--:|--:|--:|--:|--:|\n| {} | {} | {} | {} | {} |\n",
            &w.digits_columns,
            w.thousands(n / rust),
            w.thousands(n / numpy),
            w.thousands(n / sklearn),
            w.ratio(numpy / rust),
            w.ratio(sklearn / rust)
        ));
    }
    Ok(md)
}
