//! `cargo xtask lab`: JupyterLab on the learner's own copy of the notebooks; `lab --check` is
//! the JupyterLab check of `cargo xtask ci` (`xtask/jupyterlab_check.py`).
//!
//! The copy lives in `lab/` (git-ignored), beside `notebooks/`, so that each notebook's first
//! cell still finds the crate at `..`: running, editing and autosaving there never touches the
//! committed notebooks. A notebook already in `lab/` is kept (the learner's work); `--fresh`
//! replaces every copy with the committed notebook. The Russian notebooks go to `lab/ru/`.

use anyhow::Result;
use xshell::cmd;

use crate::setup;

/// Starts JupyterLab on `lab/` (as root it needs `--allow-root`, which it gets).
pub fn main(fresh: bool) -> Result<()> {
    setup::ensure_python()?;
    setup::ensure_kernel()?;
    let sh = setup::shell()?;
    for language in mdbook_nn::language::ALL {
        let (from, to) = (
            setup::root().join("notebooks").join(language.subdir),
            setup::root().join("lab").join(language.subdir),
        );
        sh.create_dir(&to)?;
        for notebook in sh.read_dir(&from)? {
            let copy = to.join(notebook.file_name().unwrap_or_default());
            if notebook.extension().is_some_and(|e| e == "ipynb") && (fresh || !copy.exists()) {
                sh.copy_file(&notebook, &copy)?;
            }
        }
    }
    let jupyter = setup::venv_bin("jupyter");
    let root = root_flag(&sh)?;
    cmd!(sh, "{jupyter} lab {root...} lab/").run()?;
    Ok(())
}

/// `--allow-root` when running as root (JupyterLab refuses to start as root without it).
pub fn root_flag(sh: &xshell::Shell) -> Result<Option<&'static str>> {
    Ok((cmd!(sh, "id -u").quiet().read()? == "0").then_some("--allow-root"))
}

/// The JupyterLab check: opens two notebooks without running them and finds their figures
/// shown, runs one notebook, restarts its kernel and runs it again; timings and screenshots.
pub fn check(restarts: u32) -> Result<()> {
    setup::ensure_python()?;
    setup::ensure_kernel()?;
    setup::ensure_chromium()?;
    let sh = setup::shell()?;
    let (python, jupyter) = (setup::venv_bin("python"), setup::venv_bin("jupyter"));
    let out = setup::root().join("target/jupyterlab-check");
    let notebooks = setup::root().join("notebooks");
    sh.remove_path(&out)?;
    let (open, run) = (["01-neuron.ipynb", "05-training.ipynb"], "01-neuron.ipynb");
    let restarts = restarts.to_string();
    cmd!(sh, "{python} xtask/jupyterlab_check.py --jupyter {jupyter} --notebooks {notebooks} --open {open...} --run {run} --restarts {restarts} --out {out}").run()?;
    Ok(())
}
