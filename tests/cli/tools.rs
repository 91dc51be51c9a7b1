//! Completions, manual page, usage errors.

use crate::common::Env;

#[test]
fn completions_and_man_need_no_database() {
    let env = Env::bare();
    let bash = env.ok(&["completions", "bash"]);
    assert!(
        bash.contains("_liaison()") && bash.contains("merge"),
        "{}",
        &bash[..200.min(bash.len())]
    );
    let man = env.ok(&["man"]);
    assert!(
        man.starts_with(".ie \\n(.g .ds Aq") || man.contains(".TH liaison"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(!env.db.exists());
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    let r = env.run(&["org", "frobnicate"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    let r = env.run(&["--format", "xml", "org", "list"]);
    assert_eq!(r.code, 2);
    let err = env.fails(2, &["org", "list", "--format", "html"]);
    assert!(err.contains("--format html and md are for reports"), "{err}");
}

#[test]
fn a_bad_pinned_time_is_a_usage_error() {
    let env = Env::new();
    let r = env
        .cmd()
        .env("LIAISON_NOW", "soon")
        .args(["org", "list"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).starts_with("error: invalid LIAISON_NOW `soon`"));
}
