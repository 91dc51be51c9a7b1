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
