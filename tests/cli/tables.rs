//! Tables as a person reads them: the demo database at 60, 80 and 120
//! columns, and piped.

use std::path::PathBuf;

use liaison::render::cells;

use crate::common::Env;

/// A fresh demo database beside the test's own.
fn demo() -> (Env, PathBuf) {
    let env = Env::new();
    let db = env.path("demo.db");
    env.ok(&["demo", "--db", db.to_str().unwrap()]);
    (env, db)
}

/// `liaison --db DB ARGS` with `COLUMNS` set (or unset); its stdout.
fn at(env: &Env, db: &PathBuf, columns: Option<usize>, args: &[&str]) -> String {
    let mut cmd = env.cmd();
    match columns {
        Some(c) => cmd.env("COLUMNS", c.to_string()),
        None => cmd.env_remove("COLUMNS"),
    };
    let out = cmd.arg("--db").arg(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Words that look like a date cut short (`2026-12-0`); a month
/// (`2025-10`) is whole.
fn broken_dates(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .filter(|w| {
            let w = w.trim_start_matches('(');
            let b = w.as_bytes();
            matches!(b.len(), 5 | 6 | 8 | 9) && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
        })
        .collect()
}

/// `out` with the demo's random IDs (eight hex digits) blanked out, at
/// the same width.
fn without_ids(out: &str) -> String {
    out.split('\n')
        .flat_map(|l| l.split(' ').chain(["\n"]))
        .map(|w| {
            // An ID may be all letters ("febdcbfc"); no word of the demo's
            // output is eight letters from a to f.
            let id = w.len() == 8
                && w.bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
            if id { "xxxxxxxx" } else { w }
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" \n ", "\n")
}

const LISTINGS: [&[&str]; 5] = [
    &["agenda"],
    &["task", "list"],
    &["org", "list"],
    &["org", "show", "kke"],
    &["history"],
];

#[test]
fn demo_tables_fit_60_80_and_120_columns() {
    let (env, db) = demo();
    for args in LISTINGS {
        for columns in [60, 80, 120] {
            let out = at(&env, &db, Some(columns), args);
            let name = format!("{}_{columns}", args.join("_"));
            for line in out.lines() {
                assert!(cells(line) <= columns, "{name}: too wide:\n{line}\n\n{out}");
            }
            assert!(
                broken_dates(&out).is_empty(),
                "{name}: {:?}\n{out}",
                broken_dates(&out)
            );
            insta::assert_snapshot!(name, without_ids(&out));
        }
    }
}

#[test]
fn columns_empty_in_every_row_are_left_out() {
    let (env, db) = demo();
    // No open follow-up has an assignee or a status other than open.
    let tasks = at(&env, &db, Some(120), &["task", "list"]);
    let header = tasks.lines().next().unwrap();
    assert!(header.contains("task"), "{tasks}");
    assert!(
        !header.contains("assignee") && !header.contains("status"),
        "{tasks}"
    );
    // With every follow-up listed, the status column is back.
    let all = at(&env, &db, Some(200), &["task", "list", "--all"]);
    assert!(all.lines().next().unwrap().contains("status"), "{all}");
}

#[test]
fn piped_output_is_never_wrapped() {
    let (env, db) = demo();
    let wide = at(&env, &db, None, &["org", "list"]);
    let rows = at(&env, &db, None, &["org", "list", "--format", "csv"])
        .lines()
        .count()
        - 1;
    // A header, a rule and one line per organisation, the widest past 120.
    assert_eq!(wide.lines().count(), rows + 2, "{wide}");
    assert!(wide.lines().any(|l| cells(l) > 120), "{wide}");
    assert!(wide.lines().next().unwrap().contains("native name"), "{wide}");
}

#[test]
fn the_text_report_fits_the_terminal() {
    let (env, db) = demo();
    for columns in [60, 80] {
        let out = at(&env, &db, Some(columns), &["report", "quarterly"]);
        assert!(out.contains("Contacts by country"), "{out}");
        for line in out.lines() {
            assert!(cells(line) <= columns, "too wide at {columns}:\n{line}\n\n{out}");
        }
        assert!(broken_dates(&out).is_empty(), "{out}");
    }
}

#[test]
fn the_lam_alef_ligature_is_padded_as_one_cell() {
    let (env, db) = demo();
    let out = at(
        &env,
        &db,
        None,
        &["org", "list", "--country", "JO", "--country", "IQ"],
    );
    // The country column starts at the same cell on every row, whatever
    // the script of the native name before it.
    let starts: Vec<usize> = out
        .lines()
        .skip(2)
        .map(|l| {
            let end = [" JO ", " IQ "].iter().filter_map(|c| l.find(c)).min().unwrap();
            cells(&l[..end])
        })
        .collect();
    assert!(out.contains("الحزب الشيوعي الأردني"), "{out}");
    assert!(
        starts.len() >= 2 && starts.iter().all(|&s| s == starts[0]),
        "{starts:?}\n{out}"
    );
}
