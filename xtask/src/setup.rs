//! `cargo xtask setup`: installs every tool the checks need, at pinned versions.
//!
//! Idempotent: each step first looks at what is there, says so and skips it when it already
//! matches the pin. Nothing is installed outside the usual places: the Python tools go to the
//! project's `.venv/`, the Rust tools to cargo's `bin` directory (`cargo install`), KaTeX's
//! stylesheet and fonts to `book/src/katex/` (git-ignored), Chromium through Debian's `apt-get`.
//!
//! | step | what | pinned at |
//! |---|---|---|
//! | [`ensure_python`] | `.venv/` with `xtask/requirements.txt` | the requirements file |
//! | [`ensure_book_tools`] | `mdbook`, `mdbook-katex`, KaTeX CSS + fonts | [`MDBOOK`], [`MDBOOK_KATEX`], [`KATEX_NPM_VERSION`] |
//! | [`ensure_kernel`] | `evcxr_jupyter`, registered as the `rust` kernel of `.venv/` | [`EVCXR_JUPYTER`] |
//! | [`ensure_chromium`] | `/usr/bin/chromium` (Debian package `chromium`) | Debian's version |

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A tool installed with `cargo install --locked CRATE@VERSION`.
pub struct CargoTool {
    /// The crate, also the name of its binary.
    pub name: &'static str,
    pub version: &'static str,
    /// Whether `NAME --version` prints the version (`evcxr_jupyter` has no such flag: its version
    /// is read from `cargo install --list`).
    pub has_version_flag: bool,
}

pub const EVCXR_JUPYTER: CargoTool = CargoTool {
    name: "evcxr_jupyter",
    version: "0.22.0",
    has_version_flag: false,
};
pub const MDBOOK: CargoTool = CargoTool {
    name: "mdbook",
    version: "0.5.4",
    has_version_flag: true,
};
pub const MDBOOK_KATEX: CargoTool = CargoTool {
    name: "mdbook-katex",
    version: "0.10.0",
    has_version_flag: true,
};

/// The KaTeX release whose stylesheet and fonts the book serves. It must be the one that
/// `mdbook-katex` renders with: mdbook-katex 0.10.0 uses the `katex` crate 0.4.6, which bundles
/// KaTeX 0.16.4 (the markup and the CSS must come from the same release).
pub const KATEX_NPM_VERSION: &str = "0.16.4";
/// `shasum` (SHA-1 of the tarball) that the npm registry publishes for `katex@0.16.4`.
const KATEX_NPM_SHASUM: &str = "87021bc3bbd80586ef715aeb476794cba6a49ad4";

/// The browser `cargo xtask book-check` drives, from Debian's `chromium` package.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ has a parent directory")
        .to_path_buf()
}

/// The project's Python virtual environment.
pub fn venv_dir() -> PathBuf {
    root().join(".venv")
}

/// A program of the project's virtual environment, e.g. `venv_bin("jupyter")`.
pub fn venv_bin(name: &str) -> PathBuf {
    venv_dir().join("bin").join(name)
}

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
pub fn cargo_bin_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(home).join("bin");
    }
    let home = std::env::var_os("HOME").unwrap_or_default();
    PathBuf::from(home).join(".cargo").join("bin")
}

/// The path of a cargo-installed tool: cargo's `bin` directory if it is there, else the first
/// match on `PATH`, else the path it will have once installed.
pub fn tool_path(name: &str) -> PathBuf {
    let in_cargo_bin = cargo_bin_dir().join(name);
    if in_cargo_bin.is_file() {
        return in_cargo_bin;
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    in_cargo_bin
}

/// Every step, in order.
pub fn ensure_all() -> Result<(), String> {
    ensure_python()?;
    ensure_book_tools()?;
    ensure_kernel()?;
    ensure_chromium()?;
    println!("setup: everything is installed");
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Python
// ---------------------------------------------------------------------------------------------

/// The virtual environment `.venv/` with the exact packages of `xtask/requirements.txt`.
///
/// pip runs only when the requirements (or the Python) changed since the last successful
/// install, which a stamp file inside `.venv/` remembers.
pub fn ensure_python() -> Result<(), String> {
    let venv = venv_dir();
    let requirements_path = root().join("xtask").join("requirements.txt");
    let requirements = fs::read_to_string(&requirements_path)
        .map_err(|e| format!("cannot read {}: {e}", requirements_path.display()))?;
    let python = venv_bin("python");

    let venv_python_version = python_version(&python);
    if venv_python_version.is_none() {
        let system_python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
        let found = python_version(Path::new(&system_python)).ok_or_else(|| {
            format!(
                "setup: no working `{system_python}` found to create {}: install Python 3 \
                 (Debian: apt-get install python3 python3-venv) or set PYTHON=/path/to/python3",
                venv.display()
            )
        })?;
        println!(
            "setup: creating the Python venv {} with {system_python} ({found})",
            venv.display()
        );
        let mut create = Command::new(&system_python);
        create.arg("-m").arg("venv").arg("--clear").arg(&venv);
        run_checked(
            &mut create,
            &format!("{system_python} -m venv"),
            "on Debian the venv module needs the package python3-venv",
        )?;
    }
    let version = python_version(&python)
        .ok_or_else(|| format!("setup: {} does not run after creation", python.display()))?;

    let stamp_path = venv.join(".xtask-requirements.stamp");
    let wanted_stamp = format!("{version}\n{requirements}");
    if fs::read_to_string(&stamp_path).is_ok_and(|s| s == wanted_stamp) {
        println!(
            "setup: Python venv {}: present ({version}), packages match xtask/requirements.txt, skipping pip",
            venv.display()
        );
        return Ok(());
    }
    let pins: Vec<&str> = requirements
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    println!(
        "setup: installing into {} ({version}): {}",
        venv.display(),
        pins.join(" ")
    );
    let mut pip = Command::new(&python);
    pip.args(["-m", "pip", "install", "--disable-pip-version-check", "-r"])
        .arg(&requirements_path)
        // Playwright drives Debian's Chromium; it must never fetch browsers of its own.
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    run_checked(
        &mut pip,
        "pip install -r xtask/requirements.txt",
        "check that PyPI is reachable and that the pins in xtask/requirements.txt exist",
    )?;
    fs::write(&stamp_path, wanted_stamp)
        .map_err(|e| format!("cannot write {}: {e}", stamp_path.display()))?;
    Ok(())
}

/// `Python 3.11.7` for a working interpreter, `None` when it does not run.
fn python_version(python: &Path) -> Option<String> {
    let out = Command::new(python).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    Some(text.trim().to_string())
}

// ---------------------------------------------------------------------------------------------
// Cargo-installed tools
// ---------------------------------------------------------------------------------------------

/// `mdbook` and `mdbook-katex` at their pins, and KaTeX's stylesheet and fonts in
/// `book/src/katex/` (copied to the built book like any file of `src/`).
pub fn ensure_book_tools() -> Result<(), String> {
    ensure_cargo_tool(&MDBOOK)?;
    ensure_cargo_tool(&MDBOOK_KATEX)?;
    ensure_katex_assets()
}

/// Installs `tool` unless a binary reporting the pinned version is there already.
pub fn ensure_cargo_tool(tool: &CargoTool) -> Result<(), String> {
    let path = tool_path(tool.name);
    let found = if path.is_file() {
        installed_version(tool, &path)
    } else {
        None
    };
    match &found {
        Some(v) if v == tool.version => {
            println!(
                "setup: {} {v}: present ({}), skipping",
                tool.name,
                path.display()
            );
            return Ok(());
        }
        Some(v) => println!(
            "setup: {} {v} found at {}, but {} is pinned: installing cargo install --locked {}@{}",
            tool.name,
            path.display(),
            tool.version,
            tool.name,
            tool.version
        ),
        None => println!(
            "setup: {} missing: installing cargo install --locked {}@{} (compiles from source, a few minutes)",
            tool.name, tool.name, tool.version
        ),
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut install = Command::new(&cargo);
    install
        .args(["install", "--locked"])
        .arg(format!("{}@{}", tool.name, tool.version));
    if path.is_file() {
        // Replace a binary of another version, even one cargo did not install itself.
        install.arg("--force");
    }
    run_checked(
        &mut install,
        &format!("cargo install --locked {}@{}", tool.name, tool.version),
        "check that crates.io is reachable and that a C compiler (cc) is installed",
    )?;
    let installed = tool_path(tool.name);
    match installed_version(tool, &installed) {
        Some(v) if v == tool.version => Ok(()),
        other => Err(format!(
            "setup: after cargo install, {} reports version {:?}, expected {}; is another {} \
             earlier on PATH?",
            installed.display(),
            other,
            tool.version,
            tool.name
        )),
    }
}

/// The version `tool` at `path` reports, `None` when it does not run or says nothing usable.
fn installed_version(tool: &CargoTool, path: &Path) -> Option<String> {
    if tool.has_version_flag {
        // `mdbook v0.5.4`, `mdbook-katex 0.10.0`
        let out = Command::new(path).arg("--version").output().ok()?;
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        text.split_whitespace()
            .nth(1)
            .map(|v| v.trim_start_matches('v').to_string())
    } else {
        // `cargo install --list` prints `evcxr_jupyter v0.22.0:` then the binaries.
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let out = Command::new(cargo)
            .args(["install", "--list"])
            .output()
            .ok()?;
        let prefix = format!("{} v", tool.name);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|line| line.strip_prefix(&prefix))
            .and_then(|rest| rest.split([':', ' ']).next())
            .map(str::to_string)
    }
}

// ---------------------------------------------------------------------------------------------
// KaTeX stylesheet and fonts
// ---------------------------------------------------------------------------------------------

/// The directory of the book holding KaTeX's CSS and fonts (`book/theme/head.hbs` links it).
pub fn katex_dir() -> PathBuf {
    root().join("book").join("src").join("katex")
}

/// Fetches `katex@KATEX_NPM_VERSION` from the npm registry (`npm pack`, into `.tools/`), checks
/// its published checksum, and copies `katex.min.css`, `fonts/` and `LICENSE` into
/// [`katex_dir`]. Skipped when the stamp there names the pinned version.
pub fn ensure_katex_assets() -> Result<(), String> {
    let dest = katex_dir();
    let stamp = dest.join("VERSION");
    if fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == KATEX_NPM_VERSION)
        && dest.join("katex.min.css").is_file()
        && dest
            .join("fonts")
            .join("KaTeX_Main-Regular.woff2")
            .is_file()
    {
        println!(
            "setup: KaTeX {KATEX_NPM_VERSION} CSS and fonts: present ({}), skipping",
            dest.display()
        );
        return Ok(());
    }
    println!(
        "setup: KaTeX {KATEX_NPM_VERSION} CSS and fonts: fetching katex@{KATEX_NPM_VERSION} from \
         the npm registry into {}",
        dest.display()
    );
    let tools = root().join(".tools");
    fs::create_dir_all(&tools).map_err(|e| format!("cannot create {}: {e}", tools.display()))?;
    let tarball = tools.join(format!("katex-{KATEX_NPM_VERSION}.tgz"));
    let mut pack = Command::new("npm");
    pack.args(["pack", "--json", "--pack-destination"])
        .arg(&tools)
        .arg(format!("katex@{KATEX_NPM_VERSION}"));
    let out = output_checked(
        &mut pack,
        &format!("npm pack katex@{KATEX_NPM_VERSION}"),
        "npm (Node.js) is needed; on Debian: apt-get install npm; check the npm registry is reachable",
    )?;
    let json = String::from_utf8_lossy(&out.stdout);
    if !json.contains(&format!("\"shasum\": \"{KATEX_NPM_SHASUM}\"")) {
        return Err(format!(
            "setup: npm pack katex@{KATEX_NPM_VERSION} returned a tarball whose shasum is not the \
             published {KATEX_NPM_SHASUM}:\n{json}"
        ));
    }
    if !tarball.is_file() {
        return Err(format!(
            "setup: npm pack did not write {}",
            tarball.display()
        ));
    }
    let unpacked = tools.join(format!("katex-{KATEX_NPM_VERSION}"));
    remove_dir_if_present(&unpacked)?;
    fs::create_dir_all(&unpacked)
        .map_err(|e| format!("cannot create {}: {e}", unpacked.display()))?;
    let mut tar = Command::new("tar");
    tar.arg("-xzf").arg(&tarball).arg("-C").arg(&unpacked);
    run_checked(&mut tar, "tar -xzf katex tarball", "is `tar` installed?")?;
    let package = unpacked.join("package");

    remove_dir_if_present(&dest)?;
    fs::create_dir_all(dest.join("fonts"))
        .map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
    copy(
        &package.join("dist/katex.min.css"),
        &dest.join("katex.min.css"),
    )?;
    copy(&package.join("LICENSE"), &dest.join("LICENSE"))?;
    let fonts = package.join("dist/fonts");
    let entries =
        fs::read_dir(&fonts).map_err(|e| format!("cannot read {}: {e}", fonts.display()))?;
    let mut count = 0;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", fonts.display()))?;
        copy(&entry.path(), &dest.join("fonts").join(entry.file_name()))?;
        count += 1;
    }
    fs::write(&stamp, format!("{KATEX_NPM_VERSION}\n"))
        .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    println!(
        "setup: KaTeX {KATEX_NPM_VERSION}: copied katex.min.css, LICENSE and {count} fonts into {}",
        dest.display()
    );
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn remove_dir_if_present(dir: &Path) -> Result<(), String> {
    match fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

// ---------------------------------------------------------------------------------------------
// Jupyter kernel
// ---------------------------------------------------------------------------------------------

/// The kernel directory inside the venv, where `.venv/bin/jupyter` finds it (`sys.prefix`).
pub fn kernel_dir() -> PathBuf {
    venv_dir()
        .join("share")
        .join("jupyter")
        .join("kernels")
        .join("rust")
}

/// `evcxr_jupyter` at its pin, registered as the `rust` kernel of `.venv/`, and the `rust-src`
/// component evcxr needs (it type-checks cells with rust-analyzer's libraries).
///
/// The kernel is installed the way `evcxr_jupyter --install` documents for a virtual
/// environment (`JUPYTER_PATH=$VIRTUAL_ENV/share/jupyter evcxr_jupyter --install`), which writes
/// `kernel.json` (argv = absolute path of the binary, `--control_file`, `{connection_file}`;
/// display name `Rust`; language `rust`; interrupt mode `message`), logos and a `version.txt`.
/// Then `kernel.json` gets `env.JUPYTER_PATH` too: at every start evcxr compares that
/// `version.txt` with its own, under `JUPYTER_PATH` or else the user's `~/.local/share/jupyter`,
/// and reinstalls itself there when it differs; with the variable set it finds the venv's copy
/// and leaves the user's home alone.
pub fn ensure_kernel() -> Result<(), String> {
    ensure_cargo_tool(&EVCXR_JUPYTER)?;
    ensure_rust_src()?;
    let evcxr = tool_path(EVCXR_JUPYTER.name);
    let evcxr =
        fs::canonicalize(&evcxr).map_err(|e| format!("cannot resolve {}: {e}", evcxr.display()))?;
    let dir = kernel_dir();
    let kernel_json = dir.join("kernel.json");
    let jupyter_path = venv_dir().join("share").join("jupyter");
    let wanted = kernel_json_text(&evcxr, &jupyter_path);
    let version_txt = dir.join("version.txt");
    let up_to_date = fs::read_to_string(&kernel_json).is_ok_and(|s| s == wanted)
        && version_txt.is_file()
        && !is_newer(&evcxr, &version_txt);
    if up_to_date {
        println!(
            "setup: Jupyter kernel rust: present ({}), skipping",
            kernel_json.display()
        );
        return Ok(());
    }
    if !venv_dir().is_dir() {
        return Err(format!(
            "setup: {} is missing: run ensure_python() (cargo xtask setup) first",
            venv_dir().display()
        ));
    }
    println!(
        "setup: registering the evcxr kernel `rust` in {} (argv[0] = {})",
        dir.display(),
        evcxr.display()
    );
    let mut install = Command::new(&evcxr);
    install.arg("--install").env("JUPYTER_PATH", &jupyter_path);
    output_checked(
        &mut install,
        "evcxr_jupyter --install",
        "the binary may be broken: reinstall with cargo install --locked --force evcxr_jupyter@0.22.0",
    )?;
    fs::write(&kernel_json, &wanted)
        .map_err(|e| format!("cannot write {}: {e}", kernel_json.display()))?;
    // Check with Jupyter itself that it sees the kernel, when Jupyter is there.
    let jupyter = venv_bin("jupyter");
    if jupyter.is_file() {
        let out = output_checked(
            Command::new(&jupyter).args(["kernelspec", "list"]),
            "jupyter kernelspec list",
            "the venv may be broken: delete .venv/ and run cargo xtask setup",
        )?;
        let list = String::from_utf8_lossy(&out.stdout);
        let seen = list.lines().any(|l| {
            let mut words = l.split_whitespace();
            words.next() == Some("rust") && words.next().is_some_and(|p| Path::new(p) == dir)
        });
        if !seen {
            return Err(format!(
                "setup: `jupyter kernelspec list` does not show the kernel rust at {}:\n{list}",
                dir.display()
            ));
        }
    }
    Ok(())
}

/// The `kernel.json` of the venv's Rust kernel.
fn kernel_json_text(evcxr: &Path, jupyter_path: &Path) -> String {
    format!(
        r#"{{
  "argv": [
    {},
    "--control_file",
    "{{connection_file}}"
  ],
  "display_name": "Rust",
  "language": "rust",
  "interrupt_mode": "message",
  "env": {{
    "JUPYTER_PATH": {}
  }}
}}
"#,
        json_string(&evcxr.to_string_lossy()),
        json_string(&jupyter_path.to_string_lossy())
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `a` was modified after `b` (false when either time is unknown).
fn is_newer(a: &Path, b: &Path) -> bool {
    let time = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    matches!((time(a), time(b)), (Some(ta), Some(tb)) if ta > tb)
}

/// The `rust-src` rustup component (evcxr needs the standard library's source).
fn ensure_rust_src() -> Result<(), String> {
    let listed = Command::new("rustup")
        .args(["component", "list", "--installed"])
        .output();
    let out = match listed {
        Ok(out) if out.status.success() => out,
        _ => {
            println!("setup: rustup not found; not checking the rust-src component evcxr needs");
            return Ok(());
        }
    };
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.starts_with("rust-src"))
    {
        println!("setup: rustup component rust-src: present, skipping");
        return Ok(());
    }
    println!(
        "setup: rustup component rust-src missing: installing (rustup component add rust-src)"
    );
    // Best effort: evcxr uses the standard library's source to infer the types of variables,
    // and falls back to asking the compiler without it. Where rustup's download site is out of
    // reach, the notebooks still run (and their check still fails loudly if one does not).
    if let Err(e) = run_checked(
        Command::new("rustup").args(["component", "add", "rust-src"]),
        "rustup component add rust-src",
        "evcxr needs the standard library's source",
    ) {
        println!("setup: WARNING: {e}; continuing without rust-src");
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------------------------

/// Debian's `chromium` package, for `cargo xtask book-check`. `apt-get update` runs only when
/// the install fails without it.
pub fn ensure_chromium() -> Result<(), String> {
    let chromium = Path::new(CHROMIUM);
    if chromium.is_file() {
        let version = Command::new(chromium)
            .arg("--version")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        println!("setup: {version}: present ({CHROMIUM}), skipping");
        return Ok(());
    }
    if !is_root() {
        return Err(format!(
            "setup: {CHROMIUM} is missing and installing it needs root: run \
             `sudo apt-get install chromium`, then this command again"
        ));
    }
    println!(
        "setup: {CHROMIUM} missing: installing Debian's chromium (apt-get install -y chromium)"
    );
    let apt_install = || {
        let mut cmd = Command::new("apt-get");
        cmd.args(["install", "-y", "-q", "chromium"])
            .env("DEBIAN_FRONTEND", "noninteractive");
        run_checked(&mut cmd, "apt-get install -y chromium", "")
    };
    if let Err(first) = apt_install() {
        println!("setup: {first}; running apt-get update and trying again");
        let mut update = Command::new("apt-get");
        update
            .args(["update", "-q"])
            .env("DEBIAN_FRONTEND", "noninteractive");
        run_checked(
            &mut update,
            "apt-get update",
            "check that Debian's mirrors are reachable",
        )?;
        apt_install().map_err(|e| format!("{e}; the Debian package is `chromium`"))?;
    }
    if !chromium.is_file() {
        return Err(format!(
            "setup: apt-get installed chromium but {CHROMIUM} does not exist"
        ));
    }
    Ok(())
}

/// Whether this process runs as root (Linux: the real uid in `/proc/self/status`).
fn is_root() -> bool {
    fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|rest| rest.split_whitespace().next())
            == Some("0")
    })
}

// ---------------------------------------------------------------------------------------------
// Running commands
// ---------------------------------------------------------------------------------------------

/// Runs `cmd` with its output going to the terminal; an error names `what` and adds `hint`.
fn run_checked(cmd: &mut Command, what: &str, hint: &str) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| failure(what, &format!("cannot start it: {e}"), hint))?;
    if status.success() {
        Ok(())
    } else {
        Err(failure(what, &format!("failed ({status})"), hint))
    }
}

/// Runs `cmd` capturing its output (shown on failure).
fn output_checked(cmd: &mut Command, what: &str, hint: &str) -> Result<Output, String> {
    let out = cmd
        .output()
        .map_err(|e| failure(what, &format!("cannot start it: {e}"), hint))?;
    if out.status.success() {
        Ok(out)
    } else {
        let detail = format!(
            "failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        Err(failure(what, &detail, hint))
    }
}

fn failure(what: &str, detail: &str, hint: &str) -> String {
    if hint.is_empty() {
        format!("setup: `{what}` {detail}")
    } else {
        format!("setup: `{what}` {detail} ({hint})")
    }
}
