//! `mdbook-nn notebooks` (a backend) and `mdbook-nn outputs|math-in|math-out [supports
//! RENDERER]` (preprocessors), as mdBook runs them: the book or the render context as JSON on stdin.

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args[..] {
        ["notebooks"] => mdbook_nn::notebooks::main(),
        // mdBook asks a preprocessor whether it supports a renderer: only the HTML book.
        ["outputs", "supports", renderer] => match renderer {
            "html" => Ok(()),
            _ => anyhow::bail!("outputs: the renderer {renderer} is not supported"),
        },
        ["outputs"] => mdbook_nn::outputs::main(),
        // Around gettext: every renderer (`math-in` also serves `xgettext`).
        ["math-in" | "math-out", "supports", _] => Ok(()),
        ["math-in"] => mdbook_nn::math::main(false),
        ["math-out"] => mdbook_nn::math::main(true),
        _ => anyhow::bail!(
            "usage: mdbook-nn notebooks | mdbook-nn outputs|math-in|math-out [supports RENDERER]"
        ),
    }
}
