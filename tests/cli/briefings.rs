//! Mandate 5: briefings of our members on partners' positions are
//! recorded, listed and reported under their mandate; they are internal,
//! so they never count as contact with the partners they are about.
//! Events record the support they won beside their outcome.

use crate::common::{Env, seed};

/// Two briefings in 2026Q3 ("now" is pinned in Q4), one for mandate 5 on
/// two partners, one with no objective, and one in Q2 that must not show.
fn briefed() -> Env {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "briefing",
        "add",
        "KKE and PCP on the war",
        "--date",
        "2026-08-12",
        "--org",
        "kke",
        "--org",
        "Portuguese Communist Party",
        "--objective",
        "5",
        "--audience",
        "Tehran branch",
        "--summary",
        "Both parties oppose the war; KKE calls for strikes in the ports.",
        "--link",
        "https://example.org/bulletin/41",
    ]);
    env.ok(&[
        "briefing",
        "add",
        "Kurdish comrades on the elections",
        "--date",
        "2026-09-03",
        "--org",
        "kcp",
    ]);
    env.ok(&[
        "briefing",
        "add",
        "Tudeh on the spring strikes",
        "--date",
        "2026-05-20",
        "--org",
        "tudeh",
        "--objective",
        "5",
    ]);
    env
}

fn briefings(env: &Env) -> Vec<(String, String, String)> {
    let conn = env.sql();
    let mut stmt = conn
        .prepare(
            "SELECT b.date, b.title, coalesce((SELECT group_concat(o.handle, ',') FROM
                 (SELECT o.handle FROM briefing_orgs x JOIN organisations o ON o.id = x.org_id
                   WHERE x.briefing_id = b.id ORDER BY o.handle) o), '')
               FROM briefings b WHERE b.deleted_at IS NULL ORDER BY b.date",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_briefing_is_stored_with_its_partners_and_is_no_contact() {
    let env = briefed();
    let pcp: String = env
        .sql()
        .query_row(
            "SELECT handle FROM organisations WHERE name = 'Portuguese Communist Party'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut both = ["kke".to_string(), pcp.clone()];
    both.sort();
    assert_eq!(
        briefings(&env),
        [
            (
                "2026-05-20".to_string(),
                "Tudeh on the spring strikes".to_string(),
                "tudeh".to_string()
            ),
            (
                "2026-08-12".to_string(),
                "KKE and PCP on the war".to_string(),
                both.join(",")
            ),
            (
                "2026-09-03".to_string(),
                "Kurdish comrades on the elections".to_string(),
                "kcp".to_string()
            ),
        ]
    );
    // Internal: no log entry, and no partner's last contact moves.
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 0);
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE last_contact IS NOT NULL"),
        0
    );
    let show = env.ok(&["briefing", "show", "KKE and PCP"]);
    for part in [
        "KKE and PCP on the war",
        "2026-08-12",
        "Tehran branch",
        "Communist Party of Greece; Portuguese Communist Party",
        "Both parties oppose the war",
        "https://example.org/bulletin/41",
    ] {
        assert!(show.contains(part), "{part} missing from\n{show}");
    }
    let j = env.json(&["briefing", "list", "--objective", "5"]);
    let titles: Vec<&str> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Tudeh on the spring strikes", "KKE and PCP on the war"]);
    let j = env.json(&["briefing", "list", "--org", "kcp"]);
    assert_eq!(j.as_array().unwrap().len(), 1);
    assert_eq!(j[0]["title"], "Kurdish comrades on the elections");
    assert_eq!(j[0]["objective"], serde_json::Value::Null);
}

#[test]
fn briefings_are_reported_under_their_mandate_and_counted() {
    let env = briefed();
    let j = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(j["totals"]["briefings"], 2);
    assert_eq!(j["previous"]["totals"]["briefings"], 1);
    let five = &j["objectives"][4];
    assert_eq!(five["number"], 5);
    let listed = five["briefings"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{five}");
    assert_eq!(listed[0]["date"], "2026-08-12");
    assert_eq!(listed[0]["title"], "KKE and PCP on the war");
    assert_eq!(listed[0]["audience"], "Tehran branch");
    assert_eq!(
        listed[0]["partners"],
        serde_json::json!(["Communist Party of Greece", "Portuguese Communist Party"])
    );
    // No other mandate lists a briefing.
    for (i, o) in j["objectives"].as_array().unwrap().iter().enumerate() {
        if i != 4 {
            assert_eq!(o["briefings"].as_array().unwrap().len(), 0, "{o}");
        }
    }
    let md = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "md"]);
    assert!(
        md.contains("| member briefing | 2026-08-12 | KKE and PCP on the war | Communist Party of Greece; Portuguese Communist Party | Tehran branch · https://example.org/bulletin/41 |"),
        "{md}"
    );
    assert!(md.contains("member briefings"), "{md}");
    let text = env.ok(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert!(text.contains("KKE and PCP on the war"), "{text}");
    let csv = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "csv"]);
    assert!(csv.contains("\ntotals,briefings,2,1\n"), "{csv}");
    assert!(
        csv.contains("\nobjective_briefing,5,2026-08-12 KKE and PCP on the war (Communist Party of Greece; Portuguese Communist Party),Tehran branch\n"),
        "{csv}"
    );
    let html = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "html"]);
    assert!(html.contains("KKE and PCP on the war"), "{html}");
    let fa = env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--format",
        "md",
        "--lang",
        "fa",
    ]);
    assert!(fa.contains("| گزارش به اعضا | ۲۰۲۶-۰۸-۱۲ |"), "{fa}");
    assert!(fa.contains("گزارش‌ها به اعضا"), "{fa}");
}

#[test]
fn a_briefing_is_edited_undone_and_deleted() {
    let env = briefed();
    env.ok(&[
        "briefing",
        "edit",
        "KKE and PCP",
        "--drop-org",
        "kke",
        "--objective",
        "",
        "--title",
        "PCP on the war",
    ]);
    let j = env.json(&["briefing", "show", "PCP on the war"]);
    assert_eq!(j[0]["objective"], serde_json::Value::Null);
    assert_eq!(j[0]["organisations"].as_array().unwrap().len(), 1);
    assert_eq!(j[0]["organisations"][0]["name"], "Portuguese Communist Party");
    env.ok(&["undo", "--yes"]);
    let j = env.json(&["briefing", "show", "KKE and PCP"]);
    assert_eq!(j[0]["objective"], 5);
    assert_eq!(j[0]["organisations"].as_array().unwrap().len(), 2);
    env.ok(&["briefing", "rm", "Kurdish comrades"]);
    assert_eq!(briefings(&env).len(), 2);
    let j = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(j["totals"]["briefings"], 1);
    env.ok(&["undo", "--yes"]);
    assert_eq!(briefings(&env).len(), 3);
    // Undoing the adds takes the briefings and their partners away.
    for _ in 0..3 {
        env.ok(&["undo", "--yes"]);
    }
    assert_eq!(env.count("SELECT count(*) FROM briefings"), 0);
    assert_eq!(env.count("SELECT count(*) FROM briefing_orgs"), 0);
}

#[test]
fn a_briefing_on_an_unknown_partner_or_objective_is_refused() {
    let env = briefed();
    let before = env.snapshot();
    let err = env.fails(
        1,
        &[
            "briefing",
            "add",
            "On nobody",
            "--org",
            "kke",
            "--org",
            "nosuchparty",
        ],
    );
    assert!(err.contains("error:") && err.contains("nosuchparty"), "{err}");
    let err = env.fails(
        1,
        &["briefing", "add", "On KKE", "--org", "kke", "--objective", "42"],
    );
    assert!(err.contains("error: no objective 42"), "{err}");
    assert!(
        err.contains("hint: list them with: liaison objective list"),
        "{err}"
    );
    let err = env.fails(1, &["briefing", "add", " ", "--org", "kke"]);
    assert!(err.contains("error:") && err.contains("title"), "{err}");
    assert_eq!(env.snapshot(), before);
}

/// An event for mandate 7 in 2026Q3 that won support.
fn seminar(env: &Env) {
    env.ok(&[
        "event",
        "add",
        "Joint seminar on the regional war",
        "--kind",
        "joint seminar",
        "--starts",
        "2026-09-20",
        "--role",
        "co-organiser",
        "--org",
        "kke=organiser",
        "--objective",
        "7",
        "--outcome",
        "A joint statement",
        "--support-won",
        "joint statement signed by 12 parties",
    ]);
}

#[test]
fn the_support_an_event_won_is_shown_and_reported() {
    let env = Env::new();
    seed(&env);
    seminar(&env);
    let show = env.ok(&["event", "show", "Joint seminar"]);
    assert!(
        show.lines()
            .any(|l| l.contains("support won") && l.contains("joint statement signed by 12 parties")),
        "{show}"
    );
    let j = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(
        j["events"][0]["support_won"],
        "joint statement signed by 12 parties"
    );
    assert_eq!(j["events"][0]["outcome"], "A joint statement");
    assert_eq!(
        j["objectives"][6]["events"][0]["support_won"],
        "joint statement signed by 12 parties"
    );
    let md = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "md"]);
    assert_eq!(
        md.matches("A joint statement; support won: joint statement signed by 12 parties")
            .count(),
        2,
        "the events section and mandate 7 show it\n{md}"
    );
    let csv = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "csv"]);
    assert!(
        csv.contains(
            "\nevent_support_won,Joint seminar on the regional war,joint statement signed by 12 parties,\n"
        ),
        "{csv}"
    );
    // Cleared with an empty value.
    env.ok(&["event", "edit", "Joint seminar", "--support-won", ""]);
    assert_eq!(
        env.count("SELECT count(*) FROM events WHERE support_won IS NOT NULL"),
        0
    );
}

#[test]
fn the_support_an_event_won_is_exported_and_imported() {
    let env = Env::new();
    seed(&env);
    seminar(&env);
    let csv = env.ok(&["export", "events"]);
    assert!(csv.lines().next().unwrap().ends_with(",support_won"), "{csv}");
    let other = Env::new();
    seed(&other);
    let file = other.path("events.csv");
    std::fs::write(&file, &csv).unwrap();
    other.ok(&["import", "events", file.to_str().unwrap()]);
    let won: String = other
        .sql()
        .query_row("SELECT support_won FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(won, "joint statement signed by 12 parties");
}

#[test]
fn briefings_are_exported_and_imported() {
    let env = briefed();
    let csv = env.ok(&["export", "briefings"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,date,title,summary,audience,organisations,objective,link,created_at,updated_at"
    );
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let other = Env::new();
    seed(&other);
    let file = other.path("briefings.csv");
    std::fs::write(&file, &csv).unwrap();
    other.ok(&["import", "briefings", file.to_str().unwrap()]);
    assert_eq!(briefings(&other), briefings(&env));
    let j = other.json(&["briefing", "show", "KKE and PCP"]);
    assert_eq!(j[0]["objective"], 5);
    assert_eq!(j[0]["audience"], "Tehran branch");
    assert_eq!(j[0]["link"], "https://example.org/bulletin/41");
    // A row naming an unknown partner is refused with its line, and
    // nothing goes in.
    let bad = other.path("bad.csv");
    std::fs::write(
        &bad,
        "date,title,organisations\n2026-10-01,On the congress,kke\n2026-10-02,On nobody,nosuchparty\n",
    )
    .unwrap();
    let before = other.snapshot();
    let err = other.fails(1, &["import", "briefings", bad.to_str().unwrap()]);
    assert!(err.contains("line 3") && err.contains("nosuchparty"), "{err}");
    assert_eq!(other.snapshot(), before);
}
