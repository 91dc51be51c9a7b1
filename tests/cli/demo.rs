//! The demo.

use crate::common::Env;

#[test]
fn demo_builds_its_own_database_and_walks_through_it() {
    let env = Env::new();
    let demo = env.path("demo.db");
    let out = env.ok(&["demo", "--db", demo.to_str().unwrap()]);
    assert!(
        out.starts_with("Sample database with 44 organisations, 11 people, "),
        "{out}"
    );
    assert!(out.contains("Partners going cold"), "{out}");
    assert!(out.contains("Quarterly report 2026Q3"), "{out}");
    assert!(out.contains("6. Events, documents and objectives"), "{out}");
    assert!(out.contains("Translations (2)"), "{out}");
    // The demo publishes its statement on the website, in three languages.
    let published = out.split("Published on our website").nth(1).unwrap_or_default();
    assert!(published.contains("https://example.org/fa/oil-strike"), "{out}");
    assert!(published.contains("https://example.org/en/oil-strike"), "{out}");
    // A briefing of our members under mandate 5, and the support the
    // seminar won.
    let md = env.ok(&[
        "--db",
        demo.to_str().unwrap(),
        "report",
        "quarterly",
        "--format",
        "md",
    ]);
    let five = md.split("### 5. ").nth(1).unwrap_or_default();
    let five = five.split("### 6. ").next().unwrap_or_default();
    assert!(
        five.contains("| member briefing | 2026-09-18 | Partners on the regional war | Communist Party of Greece; Communist Party of Kurdistan; Iraqi Communist Party | Tehran branch |"),
        "{md}"
    );
    assert!(
        md.contains("Joint declaration adopted by the three parties. Support won: Declaration endorsed by nine more parties"),
        "{md}"
    );
    assert!(out.contains("$ liaison --db "), "{out}");
    assert!(out.contains("Communist Party of Greece  [kke]"), "{out}");
    assert!(out.contains("حزب كمونيست كردستان"), "{out}");
    // The real database (LIAISON_DB) was not touched.
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 0);
    // Running it again rebuilds the demo.
    env.ok(&["demo", "--db", demo.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(&demo).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM organisations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 44);
}

#[test]
fn demo_never_overwrites_a_real_database() {
    let env = Env::new();
    env.ok(&["org", "add", "Communist Party of Greece", "--country", "GR"]);
    let before = env.snapshot();
    let err = env.fails(1, &["demo", "--db", env.db.to_str().unwrap()]);
    assert!(err.contains("exists and is not a demo database"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn demo_defaults_to_the_data_folder_not_liaison_db() {
    let env = Env::bare();
    env.ok(&["demo"]);
    assert!(env.path("xdg/liaison/demo.db").exists());
    assert!(!env.db.exists());
}
