//! Files re-saved by LibreOffice come back unchanged: an `.xlsx` export
//! saved again as `.xlsx`, `.ods` and CSV imports with exactly the values
//! exported. Runs only where `libreoffice` is installed (it is too heavy
//! for CI); elsewhere it says so and passes.

use std::path::Path;
use std::process::Command;

use crate::common::Env;

fn libreoffice() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("libreoffice"))
        .find(|p| p.is_file())
}

/// Converts `files` into `dir` with LibreOffice's filter `to`, with its
/// own profile in the scratch folder.
fn convert(lo: &Path, env: &Env, to: &str, dir: &Path, files: &[&Path]) {
    let profile = format!("file://{}", env.path("lo-profile").display());
    let out = Command::new(lo)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(dir)
        .args(files)
        .env("HOME", env.dir.path())
        .output()
        .expect("run libreoffice");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn exports_resaved_by_libreoffice_import_with_the_same_values() {
    let Some(lo) = libreoffice() else {
        println!("note: libreoffice is not on PATH; the re-save round trip was not run");
        return;
    };
    let env = Env::new();
    env.ok(&["group", "add", "Neighbours", "--name-fa", "همسایگان", "--report"]);
    env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--native",
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "--country",
        "GR",
        "--handle",
        "kke",
        "--status",
        "partner",
        "--since",
        "2009-05-14",
        "--alias",
        "0042",
    ]);
    env.ok(&[
        "org",
        "add",
        "Tudeh Party of Iran",
        "--native",
        "حزب تودهٔ ایران",
        "--country",
        "IR",
        "--handle",
        "tudeh",
        "--since",
        "2001-03-04",
        "--group",
        "neighbours",
        "--note",
        "03/04",
    ]);
    env.ok(&[
        "person",
        "add",
        "Eleni Papadopoulou",
        "--native",
        "Ελένη Παπαδοπούλου",
        "--org",
        "kke",
        "--phone",
        "09121234567",
    ]);
    env.ok(&[
        "person",
        "add",
        "Reza",
        "--org",
        "tudeh",
        "--phone",
        "1234567890123456789",
    ]);
    env.ok(&[
        "log",
        "tudeh",
        "--date",
        "2026-08-10",
        "--time",
        "09:05",
        "--channel",
        "email",
        "--summary",
        "دیدار درباره‌ی اعتصاب",
    ]);
    let entities = ["orgs", "people", "log"];
    let books: Vec<std::path::PathBuf> = entities.iter().map(|e| env.path(&format!("{e}.xlsx"))).collect();
    for (e, book) in entities.iter().zip(&books) {
        env.ok(&["export", e, "--out", book.to_str().unwrap()]);
    }
    let files: Vec<&Path> = books.iter().map(|b| b.as_path()).collect();
    for (ext, filter) in [
        ("xlsx", "xlsx"),
        ("ods", "ods"),
        ("csv", "csv:Text - txt - csv (StarCalc):44,34,76"),
    ] {
        let dir = env.path(ext);
        convert(&lo, &env, filter, &dir, &files);
        let copy = Env::new();
        for e in entities {
            let resaved = dir.join(format!("{e}.{ext}"));
            copy.ok(&["import", e, resaved.to_str().unwrap()]);
        }
        // Once the log is in, each organisation's last contact too.
        for e in entities {
            assert_eq!(
                copy.ok(&["export", e]),
                env.ok(&["export", e]),
                "{e} re-saved as {ext}"
            );
        }
    }
}
