//! Export → import → export gives the same bytes, whatever the content.

use proptest::prelude::*;

use crate::common::Env;

/// Text in the scripts users write, with the characters CSV and
/// spreadsheets care about.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Κόμμα",
        "حزب",
        "کمونیست",
        "كمونيست",
        "Партия",
        "Português",
        "共産党",
        "کۆمەڵە",
        "a,b",
        "\"q\"",
        "=SUM(1)",
        "+30",
        "-x",
        "@h",
        "'=x",
        "line\nbreak",
        "tab\there",
        "e\u{301}",
        "ZW\u{200c}NJ",
        " ",
        "plain",
    ]);
    prop::collection::vec(pieces, 1..5).prop_map(|v| v.concat())
}

fn one_line() -> impl Strategy<Value = String> {
    text().prop_map(|s| s.replace(['\n', '\t'], " ").replace(';', ","))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_content_survives_export_import_export(
        names in prop::collection::vec(one_line(), 1..4),
        notes in text(),
        alias in one_line(),
        summary in text(),
    ) {
        let env = Env::new();
        let mut handles = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let handle = format!("h{i}");
            let r = env.run(&["org", "add", &format!("{name} {i}"), "--handle", &handle, "--country", "GR", "--note", &notes, "--alias", &alias]);
            prop_assume!(r.code == 0);
            handles.push(handle);
        }
        env.ok(&["person", "add", &format!("{} person", names[0]), "--org", "h0", "--note", &notes]);
        let r = env.run(&["log", "h0", "--channel", "email", "--summary", &summary, "--follow-up", "reply", "--due", "+3d", "--tag", "x"]);
        prop_assume!(r.code == 0);
        let first = env.path("first");
        env.ok(&["export", "all", "--out", first.to_str().unwrap()]);

        let copy = Env::new();
        for e in ["orgs", "people", "log", "tasks"] {
            copy.ok(&["import", e, first.join(format!("{e}.csv")).to_str().unwrap()]);
        }
        let second = copy.path("second");
        copy.ok(&["export", "all", "--out", second.to_str().unwrap()]);
        for e in ["orgs", "people", "log", "tasks"] {
            let a = std::fs::read(first.join(format!("{e}.csv"))).unwrap();
            let b = std::fs::read(second.join(format!("{e}.csv"))).unwrap();
            prop_assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b), "{}.csv differs", e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// The same through an .xlsx workbook: export → import → export gives
    /// what the database held, cell for cell.
    #[test]
    fn any_content_survives_a_workbook_round_trip(
        names in prop::collection::vec(one_line(), 1..3),
        notes in text(),
        summary in text(),
    ) {
        let env = Env::new();
        for (i, name) in names.iter().enumerate() {
            let r = env.run(&["org", "add", &format!("{name} {i}"), "--handle", &format!("h{i}"), "--country", "GR", "--since", "2009-05-14", "--note", &notes]);
            prop_assume!(r.code == 0);
        }
        env.ok(&["person", "add", &format!("{} person", names[0]), "--org", "h0", "--phone", "09121234567", "--note", &notes]);
        let r = env.run(&["log", "h0", "--channel", "email", "--time", "09:05", "--summary", &summary, "--follow-up", "reply", "--due", "+3d"]);
        prop_assume!(r.code == 0);
        let book = env.path("book.xlsx");
        env.ok(&["export", "all", "--out", book.to_str().unwrap()]);
        let copy = Env::new();
        for e in ["orgs", "people", "log", "tasks"] {
            copy.ok(&["import", e, book.to_str().unwrap(), "--sheet", e]);
        }
        for e in ["orgs", "people", "log", "tasks"] {
            prop_assert_eq!(copy.ok(&["export", e]), env.ok(&["export", e]), "{} differs", e);
        }
    }
}

#[test]
fn the_demo_database_survives_export_and_import_of_every_entity() {
    let env = Env::bare();
    let demo = env.path("demo.db");
    env.ok(&["demo", "--db", demo.to_str().unwrap()]);
    let first = env.path("first");
    env.ok(&[
        "--db",
        demo.to_str().unwrap(),
        "export",
        "all",
        "--out",
        first.to_str().unwrap(),
    ]);
    let copy = Env::new();
    let entities = [
        "orgs",
        "people",
        "log",
        "tasks",
        "events",
        "docs",
        "distributions",
    ];
    for e in entities {
        copy.ok(&["import", e, first.join(format!("{e}.csv")).to_str().unwrap()]);
    }
    let second = copy.path("second");
    copy.ok(&["export", "all", "--out", second.to_str().unwrap()]);
    for e in entities {
        let a = std::fs::read_to_string(first.join(format!("{e}.csv"))).unwrap();
        let b = std::fs::read_to_string(second.join(format!("{e}.csv"))).unwrap();
        assert!(a.lines().count() > 1, "{e}.csv is empty");
        assert_eq!(a, b, "{e}.csv differs after the round trip");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Whatever bytes arrive, import ends with a message and an exit code
    /// of the contract, never a panic, and stores nothing when it refuses.
    #[test]
    fn import_of_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600), entity in 0usize..4) {
        let env = Env::new();
        let path = env.path("fuzz.csv");
        std::fs::write(&path, &bytes).unwrap();
        let e = ["orgs", "people", "log", "tasks"][entity];
        let r = env.run(&["import", e, path.to_str().unwrap()]);
        prop_assert!(matches!(r.code, 0..=2), "exit {} for {:?}\n{}", r.code, bytes, r.stderr);
        prop_assert!(!r.stderr.contains("panicked") && !r.stderr.contains("internal error"), "{}", r.stderr);
        if r.code != 0 {
            prop_assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
            prop_assert_eq!(env.count("SELECT count(*) FROM organisations"), 0);
        }
    }

    /// CSV-shaped noise: quotes, delimiters, line breaks, scripts.
    #[test]
    fn import_of_csv_shaped_noise_never_panics(cells in prop::collection::vec(prop::sample::select(vec![
        "name", "country", "\"", "\"\"", ",", ";", "\n", "\r\n", "GR", "ایران", "=1+1", "31/02/2026", "03/04/2026",
        "kke", "\t", "\u{feff}", "\u{202e}", "x",
    ]), 0..60)) {
        let env = Env::new();
        let path = env.path("noise.csv");
        std::fs::write(&path, cells.concat()).unwrap();
        let r = env.run(&["import", "orgs", path.to_str().unwrap()]);
        prop_assert!(matches!(r.code, 0..=2), "exit {}\n{}", r.code, r.stderr);
        prop_assert!(!r.stderr.contains("panicked") && !r.stderr.contains("internal error"), "{}", r.stderr);
    }
}
