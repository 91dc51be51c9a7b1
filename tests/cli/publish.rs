//! Mandate 6: publishing documents (ours or received, in a language) on
//! our own website is recorded and reported.

use crate::common::{Env, seed};

/// A received article from kke, translated into Persian, for mandate 6.
fn article() -> Env {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "doc",
        "add",
        "On the crisis in the region",
        "--kind",
        "article",
        "--date",
        "2026-08-01",
        "--lang",
        "en",
        "--received-from",
        "kke",
        "--objective",
        "6",
    ]);
    env.ok(&[
        "doc",
        "translate",
        "On the crisis in the region",
        "--lang",
        "fa",
        "--title",
        "درباره بحران منطقه",
        "--status",
        "done",
    ]);
    env
}

fn published(env: &Env) -> Vec<(String, String, String)> {
    let conn = env.sql();
    let mut stmt = conn
        .prepare("SELECT language, published_on, coalesce(link, '') FROM documents WHERE published_on IS NOT NULL ORDER BY language")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_received_article_is_published_in_persian_and_reported_under_its_mandate() {
    let env = article();
    let out = env.ok(&[
        "doc",
        "publish",
        "On the crisis",
        "--lang",
        "fa",
        "--date",
        "2026-08-20",
        "--link",
        "https://example.org/fa/crisis",
    ]);
    assert!(
        out.contains("published `درباره بحران منطقه` in fa on our website on 2026-08-20"),
        "{out}"
    );
    assert_eq!(
        published(&env),
        [(
            "fa".to_string(),
            "2026-08-20".to_string(),
            "https://example.org/fa/crisis".to_string()
        )]
    );
    let j = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(j["published"][0]["title"], "درباره بحران منطقه");
    assert_eq!(j["published"][0]["date"], "2026-08-20");
    assert_eq!(j["published"][0]["author"], "Communist Party of Greece");
    let doc = &j["objectives"][5]["documents"][0];
    assert_eq!(doc["title"], "On the crisis in the region");
    assert_eq!(doc["published"], true);
    let csv = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "csv"]);
    assert!(
        csv.contains("\npublished,2026-08-20,درباره بحران منطقه,fa; Communist Party of Greece; https://example.org/fa/crisis\n"),
        "{csv}"
    );
    assert_eq!(csv.matches("\npublished,").count(), 1, "{csv}");
    let md = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "md"]);
    assert!(md.contains("### Published on our website"), "{md}");
    assert!(md.contains("| درباره بحران منطقه | 2026-08-20 | fa | Communist Party of Greece | https://example.org/fa/crisis |"), "{md}");
    // The quarter before has nothing published.
    let j = env.json(&["report", "quarterly", "--quarter", "2026Q2"]);
    assert_eq!(j["published"].as_array().unwrap().len(), 0);
    // Undo takes the publication back.
    env.ok(&["undo", "--yes"]);
    assert!(published(&env).is_empty());
}

#[test]
fn publishing_in_a_language_without_a_translation_is_refused() {
    let env = article();
    let before = env.snapshot();
    let err = env.fails(1, &["doc", "publish", "On the crisis", "--lang", "ar"]);
    assert!(
        err.contains("error: `On the crisis in the region` has no ar translation"),
        "{err}"
    );
    assert!(
        err.contains("hint: add it first: liaison doc translate "),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn doc_send_via_website_with_no_recipient_publishes() {
    let env = article();
    let out = env.ok(&[
        "doc",
        "send",
        "On the crisis",
        "--via",
        "website",
        "--date",
        "2026-08-05",
    ]);
    assert!(
        out.contains("published `On the crisis in the region` in en on our website on 2026-08-05"),
        "{out}"
    );
    assert_eq!(
        published(&env),
        [("en".to_string(), "2026-08-05".to_string(), String::new())]
    );
    assert_eq!(env.count("SELECT count(*) FROM distributions"), 0);
    // Any other channel still needs a recipient.
    let err = env.fails(1, &["doc", "send", "On the crisis", "--via", "email"]);
    assert!(err.contains("no organisation to send to"), "{err}");
}

#[test]
fn the_publication_date_is_exported_and_imported() {
    let env = article();
    env.ok(&["doc", "publish", "On the crisis", "--date", "2026-08-03"]);
    let csv = env.ok(&["export", "docs"]);
    assert!(csv.lines().next().unwrap().ends_with(",published_on"), "{csv}");
    let other = Env::new();
    seed(&other);
    let file = other.path("docs.csv");
    std::fs::write(&file, &csv).unwrap();
    other.ok(&["import", "docs", file.to_str().unwrap()]);
    assert_eq!(published(&other), published(&env));
}

/// A Persian statement, with an English translation when `english`, and
/// four organisations in Western Asia of different statuses and languages.
fn broadcast(english: bool) -> Env {
    let env = Env::new();
    for (name, handle, cc, status, langs) in [
        ("Iraqi Communist Party", "icp", "IQ", "partner", "ar,en"),
        (
            "Progressive Party of Working People",
            "akel",
            "CY",
            "contact",
            "el,en",
        ),
        ("Party of Labour of Armenia", "plarm", "AM", "prospect", "hy,en"),
        ("Old Friends Party", "old", "LB", "dormant", "ar"),
        ("Turkish Workers Party", "tip", "TR", "partner", "tr"),
    ] {
        env.ok(&[
            "org",
            "add",
            name,
            "--handle",
            handle,
            "--country",
            cc,
            "--status",
            status,
            "--lang",
            langs,
        ]);
    }
    env.ok(&[
        "doc",
        "add",
        "بیانیه",
        "--lang",
        "fa",
        "--kind",
        "statement",
        "--date",
        "2026-11-01",
    ]);
    if english {
        env.ok(&[
            "doc",
            "translate",
            "بیانیه",
            "--lang",
            "en",
            "--title",
            "Statement",
            "--status",
            "done",
        ]);
    }
    env.ok(&[
        "doc",
        "translate",
        "بیانیه",
        "--lang",
        "ar",
        "--title",
        "بيان",
        "--status",
        "done",
    ]);
    env
}

/// (organisation handle, language) of each copy sent.
fn copies(env: &Env) -> Vec<(String, String)> {
    let conn = env.sql();
    let mut stmt = conn
        .prepare(
            "SELECT o.handle, d.language FROM distributions x JOIN organisations o ON o.id = x.org_id
               JOIN documents d ON d.id = x.document_id ORDER BY o.handle",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn pairs(x: &[(&str, &str)]) -> Vec<(String, String)> {
    x.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn a_regional_broadcast_goes_to_our_ties_each_in_a_language_it_reads() {
    let env = broadcast(true);
    let run = env.run(&["doc", "send", "بیانیه", "--to-region", "western asia"]);
    assert_eq!(run.code, 0, "{}", run.describe());
    // Partners and contacts only; akel (Greek, English) gets English, not
    // the Persian original; tip reads only Turkish and gets English.
    assert_eq!(
        copies(&env),
        pairs(&[("akel", "en"), ("icp", "ar"), ("tip", "en")])
    );
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    // --any-status widens it to every organisation there.
    env.ok(&[
        "doc",
        "send",
        "بیانیه",
        "--to-region",
        "western asia",
        "--any-status",
        "--date",
        "2026-11-02",
    ]);
    let all: Vec<String> = copies(&env).into_iter().map(|c| c.0).collect();
    assert!(
        all.contains(&"plarm".to_string()) && all.contains(&"old".to_string()),
        "{all:?}"
    );
}

#[test]
fn the_original_goes_to_a_partner_that_does_not_read_it_only_when_nothing_else_exists_and_says_so() {
    let env = broadcast(false);
    let run = env.run(&["doc", "send", "بیانیه", "--to-region", "western asia"]);
    assert_eq!(run.code, 0, "{}", run.describe());
    assert_eq!(
        copies(&env),
        pairs(&[("akel", "fa"), ("icp", "ar"), ("tip", "fa")])
    );
    assert!(
        run.stderr.contains("note: akel got the fa original: it reads el, en, and there is no translation it reads nor one in English"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("note: tip got the fa original"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("note: icp"), "{}", run.stderr);
}
