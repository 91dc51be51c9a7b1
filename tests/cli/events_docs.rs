//! Events, documents, translations, distribution and objectives.

use crate::common::Env;

fn partners(env: &Env) {
    for (name, handle, cc, langs) in [
        ("Communist Party of Greece", "kke", "GR", "el,en"),
        ("Iraqi Communist Party", "icp", "IQ", "ar,en"),
        ("Lebanese Communist Party", "lcp", "LB", "ar,fr"),
        ("Communist Party of Turkey", "tkp", "TR", "tr,en"),
        ("Syrian Communist Party", "scp", "SY", "ar"),
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
            "partner",
            "--lang",
            langs,
        ]);
    }
}

#[test]
fn init_offers_the_congress_mandates_as_objectives() {
    let env = Env::new();
    let list = env.json(&["objective", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 7);
    assert_eq!(list[2]["title"], "Regional ties");
    let bare = Env::bare();
    bare.ok(&["init", "--objectives", "none"]);
    assert!(bare.json(&["objective", "list"]).as_array().unwrap().is_empty());
    bare.ok(&["objective", "add", "Solidarity with strikers"]);
    bare.ok(&["objective", "edit", "1", "--title", "Strike solidarity"]);
    assert_eq!(bare.json(&["objective", "list"])[0]["title"], "Strike solidarity");
    // Running init again adds nothing.
    env.ok(&["init"]);
    assert_eq!(env.json(&["objective", "list"]).as_array().unwrap().len(), 7);
}

#[test]
fn a_joint_seminar_and_a_translated_statement_end_to_end() {
    let env = Env::new();
    partners(&env);
    // A joint seminar with three partner parties, serving mandates 7 and 3.
    env.ok(&[
        "event",
        "add",
        "Joint seminar on the regional war",
        "--kind",
        "joint seminar",
        "--starts",
        "2026-08-10",
        "--ends",
        "2026-08-11",
        "--city",
        "Athens",
        "--country",
        "GR",
        "--role",
        "co-organiser",
        "--org",
        "kke=organiser",
        "--objective",
        "7",
        "--objective",
        "regional",
        "--outcome",
        "Joint declaration adopted",
    ]);
    env.ok(&[
        "event",
        "join",
        "regional war",
        "icp",
        "lcp",
        "--role",
        "co-organiser",
    ]);
    let e = env.json(&["event", "show", "regional war"]);
    let orgs: Vec<(String, String)> = e[0]["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["handle"].as_str().unwrap().to_string(),
                o["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        orgs,
        [
            ("kke".into(), "organiser".into()),
            ("icp".into(), "co-organiser".into()),
            ("lcp".into(), "co-organiser".into())
        ]
    );
    assert_eq!(e[0]["objectives"], serde_json::json!([3, 7]));

    // A statement in Persian, translated into English and Arabic.
    env.ok(&[
        "doc",
        "add",
        "Statement on the oil workers' strike",
        "--kind",
        "statement",
        "--lang",
        "fa",
        "--date",
        "2026-08-01",
        "--objective",
        "2",
    ]);
    env.ok(&[
        "doc",
        "translate",
        "oil workers",
        "--lang",
        "en",
        "--status",
        "done",
    ]);
    env.ok(&[
        "doc",
        "translate",
        "oil workers",
        "--lang",
        "ar",
        "--title",
        "بيان حول إضراب عمال النفط",
        "--status",
        "published",
    ]);
    // Sent to every partner in Western Asia, each in its language.
    let out = env.ok(&[
        "doc",
        "send",
        "oil workers",
        "--to-region",
        "western asia",
        "--date",
        "2026-08-20",
    ]);
    assert!(out.contains("sent to icp in ar"), "{out}");
    assert!(out.contains("sent to lcp in ar"), "{out}");
    assert!(out.contains("sent to scp in ar"), "{out}");
    assert!(
        out.contains("sent to tkp in en"),
        "Turkish is missing, English is its second language: {out}"
    );
    let show = env.json(&["doc", "show", "oil workers"]);
    assert_eq!(
        show["languages_missing_for_partners"],
        serde_json::json!(["el", "tr"]),
        "kke prefers Greek, tkp Turkish"
    );
    assert_eq!(show["partners_not_sent"], serde_json::json!(["kke"]));
    let icp = env.json(&["org", "show", "icp"]);
    assert_eq!(icp["documents_sent"][0]["language"], "ar");
    assert_eq!(icp["events"][0]["name"], "Joint seminar on the regional war");

    // The quarterly report shows it under the right objectives.
    let r = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(r["totals"]["events"], 1);
    assert_eq!(
        r["totals"]["documents_sent"], 1,
        "one statement, in three languages"
    );
    assert_eq!(r["totals"]["copies_sent"], 4, "three in Arabic, one in English");
    assert_eq!(r["totals"]["languages"], 2);
    let by_lang: Vec<(String, i64)> = r["documents_by_language"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["language"].as_str().unwrap().to_string(),
                d["copies"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(by_lang, [("ar".to_string(), 3), ("en".to_string(), 1)]);
    let objective = |n: usize| r["objectives"][n - 1].clone();
    assert_eq!(objective(7)["event_count"], 1);
    assert_eq!(objective(3)["event_count"], 1);
    assert_eq!(objective(2)["document_count"], 1);
    assert_eq!(objective(1)["event_count"], 0);
    assert_eq!(objective(7)["events"][0]["outcome"], "Joint declaration adopted");
    let text = env.ok(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert!(text.contains("6. Events, documents and objectives"), "{text}");
    for (figure, n) in [("documents sent", "1"), ("copies sent", "4"), ("languages", "2")] {
        let row = text
            .lines()
            .find(|l| l.trim_start().starts_with(figure))
            .unwrap_or_else(|| panic!("no {figure} in\n{text}"));
        assert_eq!(
            row.split_whitespace().nth(figure.split(' ').count()),
            Some(n),
            "{row}"
        );
    }
}

#[test]
fn log_entries_serve_objectives() {
    let env = Env::new();
    partners(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "email",
        "--summary",
        "Sent our analysis",
        "--date",
        "2026-08-05",
        "--objective",
        "2,5",
    ]);
    let r = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(r["objectives"][1]["log_entries"], 1);
    assert_eq!(r["objectives"][4]["log_entries"], 1);
    let err = env.fails(
        1,
        &[
            "log",
            "kke",
            "--channel",
            "email",
            "--summary",
            "x",
            "--objective",
            "99",
        ],
    );
    assert!(err.starts_with("error: no objective 99"), "{err}");
}

#[test]
fn bad_event_and_document_input_is_refused() {
    let env = Env::new();
    partners(&env);
    let before = env.snapshot();
    let err = env.fails(
        1,
        &[
            "event",
            "add",
            "Backwards",
            "--starts",
            "2026-05-10",
            "--ends",
            "2026-05-01",
        ],
    );
    assert!(
        err.contains("ends (2026-05-01) before it starts (2026-05-10)"),
        "{err}"
    );
    let err = env.fails(2, &["event", "add", "No date"]);
    assert!(err.contains("--starts is required"), "{err}");
    assert_eq!(env.snapshot(), before);

    env.ok(&[
        "doc",
        "add",
        "Resolution of the congress",
        "--lang",
        "fa",
        "--kind",
        "resolution",
    ]);
    let err = env.fails(1, &["doc", "translate", "congress", "--lang", "fa"]);
    assert!(err.contains("is already in fa"), "{err}");
    env.ok(&["doc", "translate", "congress", "--lang", "en", "--status", "done"]);
    let err = env.fails(1, &["doc", "translate", "congress", "--lang", "en"]);
    assert!(err.contains("already has a en translation"), "{err}");
    env.ok(&["doc", "send", "congress", "--to", "kke", "--date", "2026-11-01"]);
    // Twice on one day: warned, recorded once.
    let r = env.run(&["doc", "send", "congress", "--to", "kke", "--date", "2026-11-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("warning: kke already got"), "{}", r.stderr);
    assert_eq!(env.count("SELECT count(*) FROM distributions"), 1);
    // Deleting a document with translations and copies needs --cascade.
    let before = env.snapshot();
    let err = env.fails(1, &["doc", "rm", "congress"]);
    assert!(
        err.contains("has 1 translation and 1 recorded copy sent"),
        "{err}"
    );
    assert!(err.contains("--cascade"), "{err}");
    assert_eq!(env.snapshot(), before);
    let out = env.ok(&["doc", "rm", "congress", "--cascade"]);
    assert!(
        out.contains("with 1 translation and 1 record of copies sent"),
        "{out}"
    );
    assert_eq!(
        env.count("SELECT count(*) FROM documents WHERE deleted_at IS NULL"),
        0
    );
    assert_eq!(env.count("SELECT count(*) FROM distributions"), 0);
}

#[test]
fn agenda_shows_events_ahead() {
    let env = Env::new();
    partners(&env);
    env.ok(&[
        "event",
        "add",
        "May Day rally",
        "--kind",
        "demonstration",
        "--starts",
        "+3d",
        "--org",
        "tkp",
    ]);
    env.ok(&[
        "event",
        "add",
        "Far away congress",
        "--kind",
        "congress",
        "--starts",
        "+60d",
    ]);
    let a = env.json(&["agenda"]);
    let names: Vec<&str> = a["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["May Day rally"]);
    assert_eq!(
        env.json(&["event", "list", "--upcoming"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(
        env.json(&["event", "list", "--past"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn search_finds_documents_and_events() {
    let env = Env::new();
    partners(&env);
    env.ok(&[
        "event",
        "add",
        "Joint seminar on the regional war",
        "--starts",
        "2026-08-10",
        "--city",
        "Athens",
    ]);
    env.ok(&["doc", "add", "بیانیه درباره اعتصاب کارگران نفت", "--lang", "fa"]);
    let hits = env.json(&["search", "--in", "docs,events", "اعتصاب"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["type"], "document");
    let hits = env.json(&["search", "--in", "events", "athens"]);
    assert_eq!(hits[0]["type"], "event");
    assert_eq!(hits[0]["excerpt"], "Athens");
}

#[test]
fn merge_moves_events_and_documents() {
    let env = Env::new();
    partners(&env);
    env.ok(&[
        "org",
        "add",
        "KKE duplicate",
        "--handle",
        "kke2",
        "--country",
        "GR",
    ]);
    env.ok(&[
        "event",
        "add",
        "Rally",
        "--starts",
        "2026-08-01",
        "--org",
        "kke2=organiser",
        "--org",
        "kke",
    ]);
    env.ok(&[
        "doc",
        "add",
        "Their resolution",
        "--lang",
        "el",
        "--received-from",
        "kke2",
    ]);
    env.ok(&["doc", "add", "Our statement", "--lang", "en"]);
    env.ok(&[
        "doc",
        "send",
        "Our statement",
        "--to",
        "kke2",
        "--to",
        "kke",
        "--date",
        "2026-08-02",
    ]);
    env.ok(&["org", "merge", "kke2", "kke"]);
    let kke = env.json(&["org", "show", "kke"]);
    assert_eq!(kke["events"][0]["name"], "Rally");
    assert_eq!(
        kke["events"][0]["organisations"].as_array().unwrap().len(),
        1,
        "one role left for the survivor"
    );
    assert_eq!(kke["documents_received"][0]["title"], "Their resolution");
    assert_eq!(
        kke["documents_sent"].as_array().unwrap().len(),
        1,
        "the same copy on the same day counts once"
    );
    assert!(env.ok(&["check"]).contains("no problems found"));
}
