//! The interactive path, on a real pseudo-terminal (util-linux `script`):
//! prompts, the fuzzy pick list and the summary line.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::{Env, NOW, seed};

/// Runs liaison under a pseudo-terminal, typing `keys` (in groups, with a
/// pause between them, as a person would); returns the screen output.
fn on_terminal(env: &Env, args: &str, keys: &[&str]) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("liaison");
    let mut child = Command::new("script")
        .args([
            "-q",
            "-e",
            "-c",
            &format!("{} {args}", bin.display()),
            "/dev/null",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .env("LIAISON_DB", &env.db)
        .env("LIAISON_NOW", NOW)
        .env("HOME", env.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux script");
    let mut stdin = child.stdin.take().unwrap();
    for k in keys {
        stdin.write_all(k.as_bytes()).unwrap();
        stdin.flush().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn log_asks_for_what_is_missing() {
    let env = Env::new();
    seed(&env);
    // Pick "kurd…" from the fuzzy list, the third channel, type a summary.
    let (code, screen) = on_terminal(
        &env,
        "log",
        &[
            "kurd",
            "\r",
            "\x1b[B\x1b[B",
            "\r",
            "Short call about the seminar\r",
        ],
    );
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("organisation"), "{screen}");
    let e = env.json(&["history", "kcp"]);
    assert_eq!(e[0]["channel"], "video", "{screen}");
    assert_eq!(e[0]["summary"], "Short call about the seminar");
    assert_eq!(e[0]["date"], "2026-11-27");
}

#[test]
fn a_terminal_picks_among_several_matches() {
    let env = Env::new();
    seed(&env);
    let (code, screen) = on_terminal(&env, "org show communist", &["greece", "\r"]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Communist Party of Greece  [kke]"), "{screen}");
}

/// Every noun offers its candidates the way organisations do.
#[test]
fn a_terminal_picks_among_several_events() {
    let env = Env::new();
    env.ok(&["event", "add", "Congress", "--starts", "2026-10-01"]);
    env.ok(&["event", "add", "Congress dinner", "--starts", "2026-10-02"]);
    let (code, screen) = on_terminal(&env, "event show ongres", &["dinner", "\r"]);
    assert_eq!(code, 0, "{screen}");
    assert!(
        screen.contains("which event did you mean by `ongres`?"),
        "{screen}"
    );
    // What was picked is what is shown.
    assert!(screen.contains("when  2026-10-02"), "{screen}");
}

#[test]
fn no_input_never_prompts_even_on_a_terminal() {
    let env = Env::new();
    seed(&env);
    let (code, screen) = on_terminal(&env, "--no-input log kke", &[]);
    // A value not given is a usage error, on a terminal as in a script.
    assert_eq!(code, 2, "{screen}");
    // On a terminal the error is coloured; the words are the same.
    assert!(
        screen.contains("\x1b[31merror:\x1b[0m channel is missing"),
        "{screen}"
    );
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 0);
}

#[test]
fn a_terminal_is_asked_for_the_passphrase_without_echo() {
    let env = Env::bare();
    let out = env
        .cmd()
        .env("LIAISON_PASSPHRASE", "hidden words")
        .args(["init", "--encrypt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    env.cmd()
        .env("LIAISON_PASSPHRASE", "hidden words")
        .args(["org", "add", "Asked Party", "--country", "GR"])
        .output()
        .unwrap();
    // The password prompt discards what was typed before it appeared, as
    // terminals do when echo is switched off: type after a pause.
    std::thread::sleep(std::time::Duration::from_millis(10));
    let (code, screen) = on_terminal(&env, "org list", &["", "", "", "hidden words\r"]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("passphrase for"), "{screen}");
    assert!(screen.contains("Asked Party"), "{screen}");
    assert!(
        !screen.contains("hidden words"),
        "the passphrase was echoed: {screen}"
    );
}

#[test]
fn undo_on_a_terminal_shows_what_goes_and_asks_first() {
    let env = Env::new();
    seed(&env);
    env.ok(&["org", "edit", "kke", "--status", "contact"]);
    let (code, screen) = on_terminal(&env, "undo", &["n"]);
    assert_eq!(code, 1, "{screen}");
    assert!(
        screen.contains(&format!(
            "will undo #6  2026-11-27 10:00  {}  liaison org edit kke --status contact",
            crate::common::account()
        )),
        "{screen}"
    );
    assert!(
        screen.contains("organisation kke: status partner → contact"),
        "{screen}"
    );
    assert!(screen.contains("cancelled; nothing was changed"), "{screen}");
    assert_eq!(env.json(&["org", "show", "kke"])["status"], "contact");
    let (code, screen) = on_terminal(&env, "undo", &["y"]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("undid #6"), "{screen}");
    assert_eq!(env.json(&["org", "show", "kke"])["status"], "partner");
}

/// Whether the pick list drawn on `screen` was taken off it again: each of
/// its `lines` cleared after the last time it was drawn, the cursor shown.
fn list_cleared(screen: &str, last_item: &str, lines: usize) -> bool {
    let Some(at) = screen.rfind(last_item) else {
        return false;
    };
    let tail = &screen[at..];
    let Some(cleared) = tail.rfind("\x1b[2K") else {
        return false;
    };
    tail.contains(&format!("\x1b[{lines}A"))
        && tail.matches("\x1b[2K").count() >= lines
        && tail[cleared..].contains("\x1b[?25h")
        && screen.matches("\x1b[?25l").count() == screen.matches("\x1b[?25h").count()
}

#[test]
fn ctrl_c_in_a_pick_list_clears_it_and_shows_the_cursor() {
    let env = Env::new();
    seed(&env);
    // Three organisations match: the prompt and three lines. Ctrl-C is
    // pressed once the list is up (a pause first).
    let (code, screen) = on_terminal(&env, "org show communist", &["", "\x03"]);
    assert_eq!(code, 130, "{screen}");
    assert!(
        screen.contains("pcp (Portuguese Communist Party, PT)"),
        "{screen}"
    );
    assert!(
        list_cleared(&screen, "pcp (Portuguese Communist Party, PT)", 4),
        "{screen:?}"
    );
    assert!(!screen.contains("Communist Party of Greece  [kke]"), "{screen}");
}

#[test]
fn escape_in_a_pick_list_chooses_nothing_and_restores_the_terminal() {
    let env = Env::new();
    seed(&env);
    let (code, screen) = on_terminal(&env, "org show communist", &["", "\x1b"]);
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains("nothing chosen"), "{screen}");
    assert!(
        list_cleared(&screen, "pcp (Portuguese Communist Party, PT)", 4),
        "{screen:?}"
    );
}

#[test]
fn a_pick_list_finds_every_name_in_any_script() {
    let env = Env::new();
    seed(&env);
    // The Persian alias of the Kurdish party, typed with an Arabic kaf.
    let (code, screen) = on_terminal(&env, "org show communist", &["\u{643}ردستان", "\r"]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Communist Party of Kurdistan  [kcp]"), "{screen}");
    // The Greek party's native name, in capitals without accents.
    let (code, screen) = on_terminal(&env, "org show communist", &["ΚΟΜΜΟΥΝΙΣΤΙΚΟ", "\r"]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Communist Party of Greece  [kke]"), "{screen}");
    // The Greek name spelt in Latin letters: found as search finds it,
    // and marked with how.
    let (code, screen) = on_terminal(&env, "org show communist", &["Kommounistiko", "\r"]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("(latin spelling)"), "{screen}");
    assert!(screen.contains("Communist Party of Greece  [kke]"), "{screen}");
    // A handle.
    let (code, screen) = on_terminal(&env, "org show communist", &["pcp", "\r"]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Portuguese Communist Party  [pcp]"), "{screen}");
}
