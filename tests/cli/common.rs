//! The test harness: a scratch folder, a database path in it, and helpers
//! that run the binary and show the command, stdout and stderr when an
//! assertion fails.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;

/// "Now" in every test.
pub const NOW: &str = "2026-11-27T10:00:00Z";

pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

/// What one run of the binary did.
pub struct Run {
    pub args: Vec<String>,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn describe(&self) -> String {
        format!(
            "command: liaison {}\nexit: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

impl Env {
    /// A scratch folder with no database yet.
    pub fn bare() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("data").join("liaison.db");
        Env { dir, db }
    }

    /// A scratch folder with an initialised database.
    pub fn new() -> Env {
        let env = Env::bare();
        env.ok(&["init"]);
        env
    }

    /// The binary with a cleared, pinned environment.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.process())
    }

    /// The same, as a process to spawn and talk to while it runs.
    pub fn process(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("liaison"));
        c.env_clear()
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .env("LIAISON_DB", &self.db)
            .env("LIAISON_NOW", NOW)
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("COLUMNS", "200")
            .current_dir(self.dir.path());
        c
    }

    /// Runs with the given arguments and captures everything.
    pub fn run(&self, args: &[&str]) -> Run {
        let out: Output = self.cmd().args(args).output().expect("run liaison");
        Run {
            args: args.iter().map(|s| s.to_string()).collect(),
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs and requires exit 0 and an empty stderr; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert!(
            r.code == 0 && r.stderr.is_empty(),
            "expected success\n{}",
            r.describe()
        );
        r.stdout
    }

    /// Runs and requires the given exit code, an `error:` line and nothing
    /// on stdout; returns stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, code, "wrong exit code\n{}", r.describe());
        assert!(r.stderr.starts_with("error: "), "no error line\n{}", r.describe());
        assert!(
            !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
            "{}",
            r.describe()
        );
        assert!(r.stdout.is_empty(), "output on failure\n{}", r.describe());
        r.stderr
    }

    /// Runs with `--format json` and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = self.ok(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not json ({e}):\n{out}"))
    }

    /// A direct connection to the database, for checking what was stored.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open db")
    }

    /// Every row of every table (full-text shadow tables aside), as text:
    /// equal snapshots mean the database content did not change.
    pub fn snapshot(&self) -> String {
        let conn = self.sql();
        let mut tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '%fts%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        tables.retain(|t| !t.starts_with("sqlite_"));
        let mut out = String::new();
        for t in tables {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
                .unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let mut cells = Vec::new();
                    for i in 0..n {
                        let v: rusqlite::types::Value = r.get(i)?;
                        cells.push(format!("{v:?}"));
                    }
                    Ok(cells.join("|"))
                })
                .unwrap();
            out.push_str(&format!("== {t}\n"));
            for row in rows {
                out.push_str(&row.unwrap());
                out.push('\n');
            }
        }
        out
    }

    /// Counts rows matching a query.
    pub fn count(&self, sql: &str) -> i64 {
        self.sql().query_row(sql, [], |r| r.get(0)).expect(sql)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The path of a file in tests/fixtures.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Adds the few organisations most tests use.
pub fn seed(env: &Env) {
    env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--native",
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "--handle",
        "kke",
        "--country",
        "GR",
        "--status",
        "partner",
        "--since",
        "2009-05-14",
        "--lang",
        "el,en",
        "--tag",
        "europe",
    ]);
    env.ok(&[
        "org",
        "add",
        "Portuguese Communist Party",
        "--native",
        "Partido Comunista Português",
        "--country",
        "Portugal",
        "--status",
        "partner",
    ]);
    env.ok(&[
        "org",
        "add",
        "Tudeh Party of Iran",
        "--native",
        "حزب تودهٔ ایران",
        "--handle",
        "tudeh",
        "--country",
        "ایران",
        "--status",
        "dormant",
    ]);
    env.ok(&[
        "org",
        "add",
        "Communist Party of Kurdistan",
        "--native",
        "حزبی شیوعی کوردستان",
        "--alias",
        "حزب کمونیست کردستان",
        "--handle",
        "kcp",
        "--country",
        "عراق",
    ]);
}

/// File mode bits of a path.
pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

/// Whether a test that needs root (a mount) may run: false, with a note,
/// when `could` is false; but with `LIAISON_REQUIRE_TMPFS` set (as CI does)
/// it must run, and a failed mount fails the test.
pub fn may_run_privileged(could: bool, what: &str) -> bool {
    if !could {
        assert!(
            std::env::var_os("LIAISON_REQUIRE_TMPFS").is_none(),
            "cannot {what}, and LIAISON_REQUIRE_TMPFS says this test must run"
        );
        eprintln!("skipped: cannot {what} here (needs root)");
    }
    could
}

/// A headless Chromium to render the HTML report with, or `None` (with a
/// note) when there is none; with `LIAISON_REQUIRE_CHROMIUM` set (as CI
/// does) its absence fails the test.
pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("LIAISON_REQUIRE_CHROMIUM").is_none(),
            "chromium is required here but missing"
        );
        eprintln!("skipped: no chromium (CI installs it and sets LIAISON_REQUIRE_CHROMIUM)");
    }
    found
}

/// Chromium's flags for a quiet, offline, throwaway headless run.
pub const HEADLESS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// The name of the account the tests run as (what `id -un` says).
pub fn account() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .expect("id -un");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A user's shell on a fresh machine: `liaison` on the PATH, an empty
/// home folder as the working folder, the clock pinned and no terminal.
pub struct Shell<'a> {
    pub home: &'a Path,
    path: String,
}

impl<'a> Shell<'a> {
    pub fn new(home: &'a Path) -> Shell<'a> {
        let bin = assert_cmd::cargo::cargo_bin("liaison");
        let path = format!("{}:/usr/bin:/bin", bin.parent().unwrap().display());
        Shell { home, path }
    }

    /// Runs one command line with `sh -c`, as typed.
    pub fn run(&self, command: &str) -> Output {
        std::process::Command::new("sh")
            .args(["-c", command])
            .env_clear()
            .env("PATH", &self.path)
            .env("HOME", self.home)
            .env("LIAISON_NOW", NOW)
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .current_dir(self.home)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    }
}

/// A command line without its `#` comment (one outside quotes and after a
/// space), as a shell would read it.
pub fn without_comment(line: &str) -> &str {
    let (mut single, mut double) = (false, false);
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && previous.is_whitespace() => return line[..i].trim_end(),
            _ => {}
        }
        previous = c;
    }
    line.trim_end()
}
