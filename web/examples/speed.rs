//! Native epochs per second of the playground's two measured runs, to set beside the browser's
//! (`xtask/widget_check.py` measures those): `cargo run --release -p nn-web --example speed`.

use std::time::Instant;

use nn_web::{Playground, Settings};

fn main() {
    for (name, query, epochs) in [
        (
            "tutorial 2-2-1, 4 people",
            "data=tutorial&net=tutorial&seed=42&lr=0.1",
            20_000,
        ),
        (
            "2-8-8-1 on the Howell adults",
            "data=howell&test=0.25&net=2-8-8-1&act=tanh&loss=bce&opt=adam&lr=0.01&batch=32&seed=1",
            2_000,
        ),
    ] {
        let (settings, refused) = Settings::parse(query);
        assert!(refused.is_empty(), "{refused:?}");
        let mut play = Playground::from_settings(settings, refused).expect("valid settings");
        play.epoch().expect("trains");
        let start = Instant::now();
        for _ in 0..epochs {
            play.epoch().expect("trains");
        }
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "{name}: {:.0} epochs/s natively",
            f64::from(epochs) / seconds
        );
    }
}
