//! Encryption at rest (SQLCipher): init, encrypt, decrypt, rekey, wrong
//! passphrases, and backups and exports of an encrypted database.

use crate::common::{Env, mode};

/// Whether `needle` appears anywhere in the database files on disk.
fn on_disk(env: &Env, needle: &str) -> bool {
    ["", "-wal"].iter().any(|s| {
        std::fs::read(format!("{}{s}", env.db.display()))
            .map(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .unwrap_or(false)
    })
}

fn with_pass(env: &Env, pass: &str, args: &[&str]) -> std::process::Output {
    env.cmd()
        .env("LIAISON_PASSPHRASE", pass)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn an_encrypted_database_needs_its_passphrase() {
    let env = Env::bare();
    let out = with_pass(&env, "correct horse", &["init", "--encrypt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("created encrypted database at "));
    assert_eq!(mode(&env.db), 0o600);
    let out = with_pass(
        &env,
        "correct horse",
        &[
            "org",
            "add",
            "Hezbe Tudeh Secret",
            "--country",
            "IR",
            "--handle",
            "tudeh",
        ],
    );
    assert!(out.status.success());
    let out = with_pass(&env, "correct horse", &["org", "list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Hezbe Tudeh Secret"));
    with_pass(&env, "correct horse", &["check"]);
    assert!(
        !on_disk(&env, "Hezbe Tudeh Secret"),
        "the name is readable on disk"
    );

    // Without it, or with a wrong one: exit 4, one clean error, no noise.
    for pass in [None, Some("wrong horse")] {
        let mut cmd = env.cmd();
        if let Some(p) = pass {
            cmd.env("LIAISON_PASSPHRASE", p);
        }
        let out = cmd.args(["org", "list"]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{err}");
        assert!(
            err.starts_with("error: cannot open ")
                && err.contains("wrong passphrase or not a liaison database"),
            "{err}"
        );
        assert!(
            !err.contains("sqlcipher") && !err.contains("hmac") && !err.contains("correct horse"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    // A passphrase file works too.
    std::fs::write(env.path("pass.txt"), "correct horse\n").unwrap();
    let out = env
        .cmd()
        .args([
            "--passphrase-file",
            env.path("pass.txt").to_str().unwrap(),
            "org",
            "list",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Hezbe Tudeh Secret"));
}

#[test]
fn encrypt_rekey_and_decrypt_keep_the_data() {
    let env = Env::new();
    env.ok(&[
        "org",
        "add",
        "Visible Partner Name",
        "--country",
        "GR",
        "--handle",
        "vpn",
    ]);
    assert!(on_disk(&env, "Visible Partner Name"));
    let out = with_pass(&env, "first pass", &["encrypt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        !on_disk(&env, "Visible Partner Name"),
        "plain text left after encrypt"
    );
    assert_eq!(mode(&env.db), 0o600);
    let err = env.fails(4, &["org", "list"]);
    assert!(err.contains("wrong passphrase"), "{err}");

    let out = env
        .cmd()
        .env("LIAISON_PASSPHRASE", "first pass")
        .env("LIAISON_NEW_PASSPHRASE", "second pass")
        .args(["rekey"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        with_pass(&env, "first pass", &["org", "list"]).status.code(),
        Some(4)
    );
    let out = with_pass(&env, "second pass", &["org", "list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Visible Partner Name"));

    // Encrypting twice is refused; decrypting asks, then writes plain text.
    let out = with_pass(&env, "x", &["encrypt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already encrypted"));
    assert_eq!(
        with_pass(&env, "second pass", &["decrypt"]).status.code(),
        Some(1),
        "needs --yes without a terminal"
    );
    assert!(
        with_pass(&env, "second pass", &["--yes", "decrypt"])
            .status
            .success()
    );
    assert!(env.ok(&["org", "list"]).contains("Visible Partner Name"));
}

#[test]
fn backups_and_exports_of_an_encrypted_database() {
    let env = Env::bare();
    with_pass(&env, "pw", &["init", "--encrypt"]);
    with_pass(
        &env,
        "pw",
        &["org", "add", "Backup Test Party", "--country", "GR"],
    );
    let contains = |p: &std::path::Path| {
        std::fs::read(p)
            .unwrap()
            .windows(17)
            .any(|w| w == b"Backup Test Party")
    };
    // The backup of an encrypted database is encrypted, with or without
    // --encrypt; only --plain writes plain text, and says so.
    for (name, flags) in [("sealed.db", vec![]), ("sealed2.db", vec!["--encrypt"])] {
        let sealed = env.path(name);
        let mut args = vec!["backup", sealed.to_str().unwrap()];
        args.extend(flags);
        let out = with_pass(&env, "pw", &args);
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!contains(&sealed));
        assert!(!std::fs::read(&sealed).unwrap().starts_with(b"SQLite format 3"));
        assert_eq!(mode(&sealed), 0o600);
    }
    let plain = env.path("plain.db");
    let out = with_pass(&env, "pw", &["backup", "--plain", plain.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is NOT encrypted"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(contains(&plain));
    let out = with_pass(&env, "pw", &["export", "orgs"]);
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("warning: the database is encrypted, the export is plain text")
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Backup Test Party"));
}

/// Both kinds of backup of an encrypted database come back with
/// `restore`, and the database stays encrypted either way.
#[test]
fn an_encrypted_database_is_restored_from_either_kind_of_backup() {
    let env = Env::bare();
    with_pass(&env, "pw", &["init", "--encrypt"]);
    with_pass(&env, "pw", &["org", "add", "Restored Party", "--country", "GR"]);
    let sealed = env.path("sealed.db");
    let plain = env.path("plain.db");
    assert!(
        with_pass(&env, "pw", &["backup", sealed.to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        with_pass(&env, "pw", &["backup", "--plain", plain.to_str().unwrap()])
            .status
            .success()
    );
    for backup in [&sealed, &plain] {
        with_pass(&env, "pw", &["org", "add", "Added Later", "--country", "CY"]);
        let out = with_pass(&env, "pw", &["--yes", "restore", backup.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let list = String::from_utf8_lossy(&with_pass(&env, "pw", &["org", "list"]).stdout).into_owned();
        assert!(
            list.contains("Restored Party") && !list.contains("Added Later"),
            "{list}"
        );
        assert!(
            !on_disk(&env, "Restored Party"),
            "the restored database is plain text"
        );
        assert_eq!(with_pass(&env, "wrong", &["org", "list"]).status.code(), Some(4));
    }
    // What was replaced is kept, encrypted as it was.
    let kept: Vec<_> = std::fs::read_dir(env.db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".before-restore-"))
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    for k in kept {
        assert!(
            !std::fs::read(&k).unwrap().starts_with(b"SQLite format 3"),
            "{k:?} is plain"
        );
        assert_eq!(mode(&k), 0o600);
    }
}

/// `encrypt` names the plain copies liaison made (backups it wrote, the
/// copies kept before upgrades and restores) and, with --yes, encrypts
/// them with the same passphrase.
#[test]
fn encrypt_names_and_encrypts_the_plain_copies_it_made() {
    let env = Env::new();
    env.ok(&["org", "add", "Copied Party", "--country", "GR"]);
    let backup = env.path("plain-backup.db");
    env.ok(&["backup", backup.to_str().unwrap()]);
    let kept = env.db.with_file_name("liaison.db.schema-3.bak");
    std::fs::copy(&backup, &kept).unwrap();
    let plain = |p: &std::path::Path| std::fs::read(p).unwrap().starts_with(b"SQLite format 3");
    // Without --yes: encrypted database, copies named, left as they are.
    let out = with_pass(&env, "pw", &["encrypt"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for p in [&backup, &kept] {
        assert!(
            err.contains(&format!("warning: {} is a plain (unencrypted) copy", p.display())),
            "{err}"
        );
        assert!(plain(p));
    }
    // Asked again with --yes: the copies are encrypted, the database stays.
    let out = with_pass(&env, "pw", &["--yes", "encrypt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for p in [&backup, &kept] {
        assert!(!plain(p), "{p:?} is still plain");
        assert_eq!(mode(p), 0o600);
    }
    let out = with_pass(&env, "pw", &["--yes", "restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = with_pass(&env, "pw", &["org", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("Copied Party"));
    // Nothing plain is left to name.
    let out = with_pass(&env, "pw", &["encrypt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already encrypted"));
}

/// Where a running `import orgs -` holds the stdin it has read so far: the
/// targets of its open descriptors that are a memory file or lie in
/// `tmp`. Waits until there is one, feeding the header first.
fn stdin_spool(env: &Env, pass: Option<&str>, tmp: &std::path::Path) -> Vec<String> {
    use std::io::Write;
    let mut cmd = env.process();
    cmd.env("TMPDIR", tmp)
        .args(["import", "orgs", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    if let Some(p) = pass {
        cmd.env("LIAISON_PASSPHRASE", p);
    }
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"Name,Country\n").unwrap();
    stdin.flush().unwrap();
    let fds = format!("/proc/{}/fd", child.id());
    let mut held = Vec::new();
    for _ in 0..1000 {
        held = std::fs::read_dir(&fds)
            .map(|entries| {
                entries
                    .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
                    .map(|t| t.to_string_lossy().into_owned())
                    .filter(|t| t.starts_with("/memfd:") || t.starts_with(tmp.to_str().unwrap()))
                    .collect()
            })
            .unwrap_or_default();
        if !held.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    stdin.write_all("Stdin Spool Party,GR\n".as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    held
}

/// Import rows piped into an encrypted database are held in memory while
/// they are read, never in a file of the temporary folder, where they
/// would be plain text on the disk. A plain database may spool them there
/// (its memory stays flat on a large import): that case shows the check
/// sees a file in the temporary folder when there is one.
#[test]
fn piped_import_rows_of_an_encrypted_database_stay_in_memory() {
    let tmp = tempfile::tempdir().unwrap();

    let plain = Env::new();
    let held = stdin_spool(&plain, None, tmp.path());
    assert_eq!(held.len(), 1, "{held:?}");
    assert!(held[0].starts_with(tmp.path().to_str().unwrap()), "{held:?}");

    let env = Env::bare();
    assert!(with_pass(&env, "pw", &["init", "--encrypt"]).status.success());
    let held = stdin_spool(&env, Some("pw"), tmp.path());
    assert_eq!(held, ["/memfd:liaison-stdin (deleted)"]);
    let list = with_pass(&env, "pw", &["org", "list"]);
    assert!(String::from_utf8_lossy(&list.stdout).contains("Stdin Spool Party"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}
