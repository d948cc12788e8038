//! How one row of the review (`tests/review.rs`) is checked: a fresh folder with the row's
//! files, the real binary run on the row's arguments, and what it printed, its exit status and
//! the folder's files afterwards compared with the row's decision.

use std::path::{Path, PathBuf};
use std::process::Command;

use nn_from_scratch::model::ModelFile;
use serde_json::Value;

use super::{Case, Data, Expect::*};

struct Dir(tempfile::TempDir);

impl Dir {
    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
    /// Every file in the folder with its contents.
    fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(self.0.path())
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect();
        v.sort();
        v
    }
}

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nn-from-scratch"))
}

/// A trained tutorial model, as `train --save` writes it (once per test binary).
fn trained_model() -> &'static str {
    static MODEL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        let o = binary()
            .args(["train", "--epochs", "200", "--save"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(o.status.success());
        std::fs::read_to_string(&path).unwrap()
    })
}

/// A folder no one may write in: a read-only folder, or `/sys` when running as root (who may
/// write in read-only folders).
fn readonly(dir: &Dir) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let ro = dir.path("readonly");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(ro.join("probe"), "").is_ok() {
        std::fs::remove_file(ro.join("probe")).unwrap();
        return PathBuf::from("/sys");
    }
    ro
}

/// Runs the binary on one row of the table and checks what the row says it must do (see
/// `review.rs`'s documentation).
pub(crate) fn check(name: &str, case: &Case) {
    let dir = Dir(tempfile::tempdir().unwrap());
    std::fs::write(dir.path("notes.txt"), "keep me\n").unwrap();
    match case.data {
        Data::None => {}
        Data::Text(t) => std::fs::write(dir.path("data.csv"), t).unwrap(),
        Data::Bytes(b) => std::fs::write(dir.path("data.csv"), b).unwrap(),
        Data::Made(f) => std::fs::write(dir.path("data.csv"), f()).unwrap(),
    }
    if let Some(edit) = case.model {
        std::fs::write(dir.path("model.json"), edit(trained_model())).unwrap();
    }
    let ro = if case.args.iter().any(|a| a.contains("{readonly}")) {
        readonly(&dir)
    } else {
        PathBuf::new()
    };
    let s = |p: &Path| p.display().to_string();
    let args: Vec<String> = case
        .args
        .iter()
        .map(|a| {
            a.replace("{csv}", &s(&dir.path("data.csv")))
                .replace("{model}", &s(&dir.path("model.json")))
                .replace("{save}", &s(&dir.path("out.json")))
                .replace("{readonly}", &s(&ro))
                .replace("{dir}", &s(dir.0.path()))
        })
        .collect();
    let before = dir.snapshot();
    let o = binary().args(&args).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    let what = format!(
        "{name} {args:?}\nstatus {:?}\nstdout {out}\nstderr {err}",
        o.status
    );
    assert!(!err.contains("panicked"), "{what}");
    for needle in case.stderr {
        assert!(
            err.contains(needle),
            "stderr should mention {needle:?}: {what}"
        );
    }
    if case.expect == Reject {
        assert_eq!(o.status.code(), Some(2), "{what}");
        // Reported before the work: nothing on stdout, except for training that diverges,
        // which can only be found by training (its first lines say what is trained).
        assert!(out.is_empty() || name.starts_with("training_"), "{what}");
        assert!(!out.contains("Final loss"), "{what}");
        assert!(err.starts_with("error: "), "{what}");
        // One line, unless clap adds the possible values or the usage, and a pointer to --help.
        let one_line = err.trim_end().lines().count() == 1;
        assert!(one_line || err.contains("try '--help'"), "{what}");
        assert_eq!(dir.snapshot(), before, "files changed: {what}");
        return;
    }
    assert_eq!(o.status.code(), Some(0), "{what}");
    if case.expect == Warn {
        assert!(err.contains("warning: "), "{what}");
    } else {
        // Accepted quietly (progress lines on a large input are not warnings).
        assert!(err.lines().all(|l| l.starts_with("progress: ")), "{what}");
    }
    if let Some(check) = case.check {
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {what}"));
        check(&v);
    }
    if case.args.contains(&"{save}") {
        let text = std::fs::read_to_string(dir.path("out.json")).unwrap();
        ModelFile::from_json(&text).unwrap();
    }
    let after = dir.snapshot();
    let kept = |n: &str| after.iter().any(|(f, c)| f == n && c == b"keep me\n");
    assert!(kept("notes.txt"), "{what}");
    assert!(after.iter().all(|(f, _)| !f.contains(".tmp")), "{what}");
}
