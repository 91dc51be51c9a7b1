//! What was done on each mandate: the report lists the period's items
//! under each objective (contacts, events, documents, open follow-ups),
//! says "nothing recorded" for a neglected one, and lists filter by
//! objective.

use crate::common::{Env, seed};

/// A small known quarter (2026Q3; "now" is pinned in Q4): a contact and an
/// event for mandate 7, a document for mandate 6, a follow-up for
/// mandate 1, and work outside the period that must not show.
fn quarter() -> Env {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "meeting",
        "--date",
        "2026-08-10",
        "--subject",
        "Planning the joint seminar",
        "--summary",
        "Agreed on the programme.",
        "--objective",
        "7",
    ]);
    env.ok(&[
        "log",
        "tudeh",
        "--channel",
        "call",
        "--date",
        "2026-09-02",
        "--subject",
        "Renewing contact",
        "--summary",
        "First call in a year.",
        "--objective",
        "1",
        "--follow-up",
        "Send our programme",
        "--due",
        "2026-12-20",
    ]);
    // Outside the period: not listed.
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--date",
        "2026-05-05",
        "--subject",
        "Spring call",
        "--summary",
        "Earlier work.",
        "--objective",
        "7",
    ]);
    env.ok(&[
        "event",
        "add",
        "Joint seminar on the regional war",
        "--kind",
        "joint seminar",
        "--starts",
        "2026-09-20",
        "--ends",
        "2026-09-21",
        "--country",
        "GR",
        "--role",
        "co-organiser",
        "--org",
        "kke=organiser",
        "--objective",
        "7",
        "--outcome",
        "Joint statement signed; support won for the oil strike",
    ]);
    env.ok(&[
        "doc",
        "add",
        "Statement on the oil workers strike",
        "--lang",
        "fa",
        "--kind",
        "statement",
        "--date",
        "2026-07-15",
        "--objective",
        "6",
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
        "send",
        "oil workers",
        "--to",
        "kke",
        "--date",
        "2026-07-20",
    ]);
    env
}

fn objective(report: &serde_json::Value, n: i64) -> serde_json::Value {
    report["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["number"] == n)
        .cloned()
        .unwrap_or_else(|| panic!("no objective {n} in {report}"))
}

#[test]
fn each_mandate_lists_exactly_its_items_of_the_period() {
    let env = quarter();
    let r = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    let seven = objective(&r, 7);
    let contacts = seven["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 1, "{seven}");
    assert_eq!(contacts[0]["date"], "2026-08-10");
    assert_eq!(contacts[0]["subject"], "Planning the joint seminar");
    assert_eq!(contacts[0]["partners"][0], "Communist Party of Greece");
    let events = seven["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{seven}");
    assert_eq!(events[0]["name"], "Joint seminar on the regional war");
    assert_eq!(events[0]["ends"], "2026-09-21");
    assert_eq!(events[0]["our_role"], "co-organiser");
    assert_eq!(events[0]["partners"][0]["role"], "organiser");
    assert!(events[0]["outcome"].as_str().unwrap().contains("support won"));
    assert_eq!(seven["log_entries"], 1);
    assert_eq!(seven["event_count"], 1);

    let six = objective(&r, 6);
    let docs = six["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1, "{six}");
    assert_eq!(docs[0]["direction"], "ours");
    assert_eq!(docs[0]["languages"], serde_json::json!(["fa", "en"]));
    assert_eq!(docs[0]["partners_reached"], 1);

    // The follow-up is still open and belongs to mandate 1.
    let one = objective(&r, 1);
    assert_eq!(one["open_follow_ups"][0]["title"], "Send our programme", "{one}");
    assert_eq!(one["open_follow_ups"][0]["due"], "2026-12-20");

    // A mandate with nothing: empty lists in JSON, "nothing recorded" on
    // screen, under its own heading.
    let three = objective(&r, 3);
    for list in ["contacts", "events", "documents", "open_follow_ups"] {
        assert_eq!(three[list], serde_json::json!([]), "{three}");
    }
    let text = env.ok(&["report", "quarterly", "--quarter", "2026Q3"]);
    let part = &text[text.find("What was done on each mandate").expect(&text)..];
    let third = &part[part.find("\n3. ").expect(part)..];
    let third = &third[..third[4..].find("\n\n").map_or(third.len(), |i| i + 4)];
    assert!(third.contains("nothing recorded"), "{third}");
    assert!(part.contains("Joint statement signed; support won"), "{part}");
    assert!(!part.contains("Spring call"), "{part}");
    // The events section shows outcomes too.
    let events_part = &text[..text.find("What was done on each mandate").unwrap()];
    assert!(events_part.contains("Joint statement signed"), "{events_part}");
}

#[test]
fn html_and_markdown_reports_have_the_mandate_sections() {
    let env = quarter();
    let html = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "html"]);
    assert!(html.contains("What was done on each mandate"));
    assert!(html.contains("nothing recorded"));
    assert!(html.contains("Planning the joint seminar"));
    let md = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "md"]);
    assert!(md.contains("\n### 7. "), "{md}");
    let fa = env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--format",
        "html",
        "--lang",
        "fa",
    ]);
    assert!(fa.contains("چیزی ثبت نشده است"));
    assert!(fa.contains("برگزارکننده"), "partner roles in Persian");
}

#[test]
fn lists_filter_by_objective() {
    let env = quarter();
    let history = env.json(&["history", "--objective", "7"]);
    let subjects: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Planning the joint seminar", "Spring call"]);
    let events = env.json(&["event", "list", "--objective", "7"]);
    assert_eq!(events.as_array().unwrap().len(), 1);
    assert_eq!(
        env.json(&["event", "list", "--objective", "6"]),
        serde_json::json!([])
    );
    let docs = env.json(&["doc", "list", "--objective", "6", "--all"]);
    assert_eq!(
        docs.as_array().unwrap().len(),
        2,
        "the original and its translation"
    );
    assert_eq!(
        env.json(&["doc", "list", "--objective", "7"]),
        serde_json::json!([])
    );
    let tasks = env.json(&["task", "list", "--objective", "1"]);
    assert_eq!(tasks.as_array().unwrap().len(), 1);
    assert_eq!(tasks[0]["title"], "Send our programme");
    assert_eq!(
        env.json(&["task", "list", "--objective", "7"]),
        serde_json::json!([])
    );
    let err = env.fails(1, &["history", "--objective", "99"]);
    assert!(err.contains("99"), "{err}");
}

/// Persian quarters are seasons, calendar quarters ordinals: never a
/// Latin Q in a Persian report.
#[test]
fn persian_reports_name_quarters_without_a_latin_q() {
    let env = quarter();
    let md = env.ok(&[
        "report",
        "quarterly",
        "--calendar",
        "persian",
        "--quarter",
        "1405Q3",
        "--lang",
        "fa",
        "--format",
        "md",
    ]);
    let first = md.lines().next().unwrap();
    assert_eq!(first, "# گزارش فصلی پاییز ۱۴۰۵", "{md}");
    assert!(md.contains("دوره قبل: تابستان ۱۴۰۵"), "{md}");
    let gregorian = env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--lang",
        "fa",
        "--format",
        "md",
    ]);
    assert!(
        gregorian.starts_with("# گزارش فصلی سه‌ماههٔ سوم ۲۰۲۶"),
        "{gregorian}"
    );
    for text in [&md, &gregorian] {
        assert!(
            !text.contains("Q۳") && !text.contains("Q3") && !text.contains("Q۲"),
            "{text}"
        );
    }
    // English keeps the short label.
    let en = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "md"]);
    assert!(en.starts_with("# Quarterly report 2026Q3"), "{en}");
}
