//! The quarterly report: figures checked against counts made here from
//! the test's own data, not by the report's SQL.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{Env, seed};

/// (date, organisation handles, channel, direction) of the test's log.
const LOG: &[(&str, &[&str], &str, &str)] = &[
    ("2026-03-31", &["kke"], "email", "out"), // Q1, last day
    ("2026-04-01", &["kke"], "call", "in"),   // Q2, first day
    ("2026-05-15", &["kke", "pcp"], "meeting", "both"),
    ("2026-06-30", &["tudeh"], "letter", "out"), // Q2, last day
    ("2026-07-01", &["kcp"], "video", "in"),     // Q3, first day
    ("2026-08-10", &["kcp"], "video", "out"),
    ("2026-09-30", &["pcp"], "email", "out"), // Q3, last day
    ("2026-10-01", &["kke"], "call", "both"), // Q4
];

const REGION: &[(&str, &str, &str)] = &[
    ("kke", "GR", "Southern Europe"),
    ("pcp", "PT", "Southern Europe"),
    ("tudeh", "IR", "Southern Asia"),
    ("kcp", "IQ", "Western Asia"),
];

fn setup() -> Env {
    let env = Env::new();
    seed(&env);
    for (date, orgs, channel, direction) in LOG {
        let mut args = vec!["log"];
        args.extend(orgs.iter());
        args.extend([
            "--date",
            date,
            "--channel",
            channel,
            "--direction",
            direction,
            "--summary",
            "x",
        ]);
        env.ok(&args);
    }
    env
}

/// Expected figures for a period, counted from `LOG`.
struct Expected {
    contacts: i64,
    orgs: BTreeSet<&'static str>,
    by_region: BTreeMap<&'static str, i64>,
    by_channel: BTreeMap<&'static str, i64>,
}

fn expected(from: &str, to: &str) -> Expected {
    let mut e = Expected {
        contacts: 0,
        orgs: BTreeSet::new(),
        by_region: BTreeMap::new(),
        by_channel: BTreeMap::new(),
    };
    for (date, orgs, channel, _) in LOG {
        if *date < from || *date > to {
            continue;
        }
        e.contacts += 1;
        *e.by_channel.entry(channel).or_default() += 1;
        let mut regions = BTreeSet::new();
        for o in *orgs {
            e.orgs.insert(o);
            regions.insert(REGION.iter().find(|r| r.0 == *o).unwrap().2);
        }
        for r in regions {
            *e.by_region.entry(r).or_default() += 1;
        }
    }
    e
}

fn check(report: &serde_json::Value, from: &str, to: &str) {
    let e = expected(from, to);
    assert_eq!(report["period"]["from"], from);
    assert_eq!(report["period"]["to"], to);
    assert_eq!(report["totals"]["contacts"], e.contacts, "contacts {from}..{to}");
    assert_eq!(report["totals"]["organisations_contacted"], e.orgs.len() as i64);
    let regions: BTreeMap<String, i64> = report["by_region"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["region"].as_str().unwrap().to_string(),
                r["contacts"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        regions,
        e.by_region
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>()
    );
    let channels: BTreeMap<String, i64> = report["by_channel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["channel"].as_str().unwrap().to_string(),
                r["contacts"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        channels,
        e.by_channel
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>()
    );
}

#[test]
fn gregorian_quarters_count_their_boundaries() {
    let env = setup();
    let q2 = env.json(&["report", "quarterly", "--quarter", "2026Q2"]);
    check(&q2, "2026-04-01", "2026-06-30");
    assert_eq!(
        q2["previous"]["totals"]["contacts"],
        expected("2026-01-01", "2026-03-31").contacts
    );
    assert_eq!(q2["period"]["label"], "2026Q2");
    check(
        &env.json(&["report", "quarterly", "--quarter", "2026Q3"]),
        "2026-07-01",
        "2026-09-30",
    );
    // The default is the last complete quarter (today is 2026-11-27).
    check(&env.json(&["report", "quarterly"]), "2026-07-01", "2026-09-30");
    // Top partners and the silent ones.
    let q3 = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(q3["top_partners"][0]["handle"], "kcp");
    assert_eq!(q3["top_partners"][0]["contacts"], 2);
    let cold: Vec<&str> = q3["going_cold"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["handle"].as_str().unwrap())
        .collect();
    assert_eq!(cold, ["kke"], "the partner without contact in Q3");
    assert_eq!(q3["going_cold"][0]["last_contact"], "2026-05-15");
}

#[test]
fn persian_quarters_follow_the_solar_hijri_year() {
    let env = setup();
    // 1405Q1 = Farvardin–Khordad 1405 = 2026-03-21 … 2026-06-21.
    let r = env.json(&[
        "report",
        "quarterly",
        "--calendar",
        "persian",
        "--quarter",
        "1405Q1",
    ]);
    check(&r, "2026-03-21", "2026-06-21");
    assert_eq!(r["period"]["calendar"], "persian");
    assert_eq!(r["period"]["label"], "1405Q1");
    // 1405Q2 = Tir–Shahrivar = 2026-06-22 … 2026-09-22.
    check(
        &env.json(&[
            "report",
            "quarterly",
            "--calendar",
            "persian",
            "--quarter",
            "۱۴۰۵Q۲",
        ]),
        "2026-06-22",
        "2026-09-22",
    );
    let text = env.ok(&[
        "report",
        "quarterly",
        "--calendar",
        "persian",
        "--quarter",
        "1405Q2",
        "--lang",
        "fa",
    ]);
    assert!(text.starts_with("گزارش فصلی تابستان ۱۴۰۵\n"), "{text}");
}

#[test]
fn empty_and_early_quarters_report_zeros() {
    let env = setup();
    for q in ["2027Q1", "1999Q4"] {
        let r = env.json(&["report", "quarterly", "--quarter", q]);
        assert_eq!(r["totals"]["contacts"], 0, "{q}");
        assert!(r["by_region"].as_array().unwrap().is_empty());
        assert!(r["top_partners"].as_array().unwrap().is_empty());
    }
}

#[test]
fn invalid_quarters_are_refused() {
    let env = setup();
    for (q, cal) in [
        ("2026Q5", "gregorian"),
        ("1405Q0", "persian"),
        ("Q3", "gregorian"),
        ("1405Q2", "gregorian"),
    ] {
        let err = env.fails(1, &["report", "quarterly", "--quarter", q, "--calendar", cal]);
        assert!(err.contains("hint: "), "{q}: {err}");
    }
}

#[test]
fn custom_periods_compare_with_the_same_length_before() {
    let env = setup();
    let r = env.json(&[
        "report",
        "quarterly",
        "--from",
        "2026-05-01",
        "--to",
        "2026-07-31",
    ]);
    check(&r, "2026-05-01", "2026-07-31");
    assert_eq!(r["previous"]["period"]["from"], "2026-01-29");
    assert_eq!(r["previous"]["period"]["to"], "2026-04-30");
    env.fails(
        1,
        &[
            "report",
            "quarterly",
            "--from",
            "2026-05-01",
            "--to",
            "2026-04-01",
        ],
    );
}

#[test]
fn every_format_is_reproducible_and_the_file_name_picks_it() {
    let env = setup();
    for f in ["text", "md", "html", "csv", "json"] {
        let a = env.ok(&["report", "quarterly", "--format", f]);
        let b = env.ok(&["report", "quarterly", "--format", f]);
        assert_eq!(a, b, "{f} differs between runs");
        assert!(!a.is_empty());
    }
    let md = env.ok(&["report", "quarterly", "--format", "md"]);
    assert!(md.starts_with("# Quarterly report 2026Q3\n"), "{md}");
    assert!(
        md.contains(
            "| region | contacts logged | organisations | 2026Q2 | change |\n|---|---:|---:|---:|---:|"
        ),
        "{md}"
    );
    let csv = env.ok(&["report", "quarterly", "--format", "csv"]);
    assert!(
        csv.starts_with("section,key,value,previous\nperiod,from,2026-07-01,2026-04-01\n"),
        "{csv}"
    );
    assert!(csv.contains("\ntotals,contacts,3,3\n"), "{csv}");
    let out = env.path("q.html");
    env.ok(&["report", "quarterly", "--out", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        crate::common::mode(&out),
        0o600,
        "a report is as private as the database"
    );
    assert!(
        !html.contains("<script") && !html.contains("src=") && !html.contains("href="),
        "self-contained"
    );
    assert!(html.contains("<svg") && html.contains("@page { size: A4"));
    let fa = env.ok(&["report", "quarterly", "--format", "html", "--lang", "fa"]);
    assert!(fa.contains("<html lang=\"fa\" dir=\"rtl\">"));
    let err = env.fails(
        2,
        &[
            "report",
            "quarterly",
            "--out",
            env.path("q.docx").to_str().unwrap(),
        ],
    );
    assert!(err.contains("cannot tell the format"), "{err}");
}

#[test]
fn contact_details_never_appear() {
    let env = setup();
    env.ok(&[
        "person",
        "add",
        "Eleni",
        "--org",
        "kke",
        "--email",
        "eleni@kke.gr",
        "--phone",
        "+30 210 555 0000",
    ]);
    env.ok(&[
        "log",
        "kke",
        "--with",
        "Eleni",
        "--date",
        "2026-08-01",
        "--channel",
        "meeting",
        "--summary",
        "x",
    ]);
    for f in ["text", "md", "html", "csv", "json"] {
        let out = env.ok(&["report", "quarterly", "--format", f]);
        assert!(!out.contains("eleni@kke.gr") && !out.contains("555 0000"), "{f}");
    }
    assert_eq!(env.json(&["report", "quarterly"])["totals"]["people_met"], 1);
    // Only when asked, in every format.
    for f in ["text", "md", "html", "csv", "json"] {
        let out = env.ok(&["report", "quarterly", "--format", f, "--include-contact-details"]);
        assert!(
            out.contains("eleni@kke.gr") && out.contains("+30 210 555 0000"),
            "{f}: {out}"
        );
    }
    let j = env.json(&["report", "quarterly", "--include-contact-details"]);
    assert_eq!(j["contact_details"][0]["name"], "Eleni");
    assert_eq!(j["contact_details"][0]["organisation"], "kke");
    assert!(
        env.json(&["report", "quarterly"])
            .get("contact_details")
            .is_none()
    );
}

#[test]
fn the_html_report_renders_in_a_browser() {
    let env = setup();
    let html = env.path("report.html");
    env.ok(&["report", "quarterly", "--out", html.to_str().unwrap()]);
    let Some(chromium) = crate::common::chromium() else {
        return;
    };
    let dom = std::process::Command::new(chromium)
        .args(crate::common::HEADLESS)
        .arg(format!("--user-data-dir={}", env.path("chromium").display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("<h1>Quarterly report 2026Q3</h1>"),
        "{}",
        &dom[..dom.len().min(500)]
    );
    assert!(
        dom.contains("Southern Europe") && dom.contains("<svg"),
        "rendered DOM lacks the chart"
    );
    let shot = env.path("report.png");
    let status = std::process::Command::new(chromium)
        .args(crate::common::HEADLESS)
        .arg("--window-size=1000,1400")
        .arg(format!("--user-data-dir={}", env.path("chromium2").display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(status.status.success());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "screenshot too small: {} bytes",
        png.len()
    );
}

#[test]
fn markdown_shows_names_as_text_never_as_markup() {
    let env = Env::new();
    let names = [
        ("xss", "<script>alert(1)</script>"),
        ("pipe", r"Pipe | Party \| *bold* [link](x)"),
    ];
    for (handle, name) in names {
        env.ok(&["org", "add", name, "--handle", handle, "--country", "GR"]);
        env.ok(&[
            "log",
            handle,
            "--date",
            "2026-08-01",
            "--channel",
            "meeting",
            "--summary",
            "x",
        ]);
    }
    let md = env.ok(&["report", "quarterly", "--format", "md"]);
    assert!(
        md.contains(r"&lt;script&gt;alert(1)&lt;/script&gt; \[xss\]"),
        "{md}"
    );
    assert!(!md.contains("<script"), "{md}");
    assert!(
        md.contains(r"Pipe &#124; Party \\&#124; \*bold\* \[link\](x) \[pipe\]"),
        "{md}"
    );
    // Every row of every table has as many cells as its header.
    let tables: Vec<&str> = md.split("\n\n").filter(|b| b.starts_with("| ")).collect();
    assert!(!tables.is_empty(), "{md}");
    for table in tables {
        let mut lines = table.lines();
        let cells = lines.next().unwrap().matches(" | ").count();
        for row in lines.skip(1) {
            assert_eq!(row.matches(" | ").count(), cells, "{row}\n{md}");
        }
    }
}

/// The titles of a list of follow-ups in a JSON report.
fn titles(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect()
}

#[test]
fn nothing_is_overdue_before_it_is_due() {
    // Today is 2026-11-27, in the middle of 2026Q4.
    let env = setup();
    for (title, due) in [
        ("Send the programme", "2026-11-20"),
        ("Book the hall", "2026-11-27"),
        ("Confirm speaker", "2026-12-03"),
        ("Print the leaflets", "2026-12-10"),
    ] {
        env.ok(&["task", "add", title, "--org", "kke", "--due", due]);
    }
    let r = env.json(&["report", "quarterly", "--quarter", "2026Q4"]);
    assert_eq!(r["as_of"], "2026-11-27");
    assert_eq!(r["period"]["to"], "2026-12-31");
    assert_eq!(r["period"]["as_of"], "2026-11-27", "the quarter has not ended");
    assert_eq!(r["previous"]["period"]["as_of"], "2026-09-30");
    assert_eq!(
        titles(&r["follow_ups_overdue"]),
        ["Send the programme"],
        "due today or later is not overdue"
    );
    assert_eq!(r["totals"]["tasks_overdue"], 1);
    let text = env.ok(&["report", "quarterly", "--quarter", "2026Q4"]);
    assert!(text.contains("\nOverdue as of 2026-11-27\n"), "{text}");
    assert!(!text.contains("Overdue at the end of the period"), "{text}");
    assert!(text.contains("2026Q4 (as of 2026-11-27)"), "{text}");
    assert!(!text.contains("Confirm speaker"), "{text}");
    let csv = env.ok(&["report", "quarterly", "--quarter", "2026Q4", "--format", "csv"]);
    assert!(csv.contains("\nperiod,as_of,2026-11-27,2026-09-30\n"), "{csv}");
    assert!(csv.contains("\ntotals,tasks_overdue,1,"), "{csv}");
    for f in ["md", "html"] {
        let out = env.ok(&["report", "quarterly", "--quarter", "2026Q4", "--format", f]);
        // The HTML isolates each date left to right.
        let out = out.replace("<bdi dir=\"ltr\">", "").replace("</bdi>", "");
        assert!(out.contains("Overdue as of 2026-11-27"), "{f}: {out}");
    }
    // A quarter that has ended is counted at its last day: the same
    // follow-ups seen from 2027 are all overdue at the end of 2026Q4.
    let later = env
        .cmd()
        .env("LIAISON_NOW", "2027-01-15T10:00:00Z")
        .args(["report", "quarterly", "--quarter", "2026Q4", "--format", "json"])
        .output()
        .unwrap();
    let later: serde_json::Value = serde_json::from_slice(&later.stdout).unwrap();
    assert_eq!(later["period"]["as_of"], "2026-12-31");
    assert_eq!(later["totals"]["tasks_overdue"], 4);
    assert_eq!(titles(&later["follow_ups_overdue"]).len(), 4);
}

#[test]
fn a_range_that_is_a_quarter_compares_with_the_quarter_before() {
    let env = setup();
    let q1 = [
        "report",
        "quarterly",
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
    ];
    let r = env.json(&q1);
    assert_eq!(r["period"]["label"], "2026Q1");
    assert_eq!(r["previous"]["period"]["label"], "2025Q4");
    assert_eq!(r["previous"]["period"]["from"], "2025-10-01");
    assert_eq!(r["previous"]["period"]["to"], "2025-12-31");
    assert_eq!(
        env.ok(&q1),
        env.ok(&["report", "quarterly", "--quarter", "2026Q1"]),
        "the same report as --quarter"
    );
    let text = env.ok(&q1);
    assert!(
        text.starts_with(
            "Quarterly report 2026Q1\nPeriod: 2026-01-01 – 2026-03-31 · previous: 2025Q4 (2025-10-01 – 2025-12-31) · as of 2026-11-27\n"
        ),
        "{text}"
    );
    // A Persian quarter, written as Gregorian dates.
    let r = env.json(&[
        "report",
        "quarterly",
        "--calendar",
        "persian",
        "--from",
        "2026-06-22",
        "--to",
        "2026-09-22",
    ]);
    assert_eq!(r["period"]["label"], "1405Q2");
    assert_eq!(r["previous"]["period"]["label"], "1405Q1");
    assert_eq!(r["previous"]["period"]["from"], "2026-03-21");
    // Any other range: as many days just before, its dates shown once.
    let text = env.ok(&[
        "report",
        "quarterly",
        "--from",
        "2026-01-02",
        "--to",
        "2026-03-31",
    ]);
    assert!(
        text.contains(
            "\nPeriod: 2026-01-02 – 2026-03-31 · previous: 2025-10-05 – 2026-01-01 · as of 2026-11-27\n"
        ),
        "{text}"
    );
}

/// A figure of the headline table in the text report: its row's cells.
fn text_row(text: &str, label: &str) -> Vec<String> {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no row {label:?} in\n{text}"));
    line.trim_start()[label.len()..]
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn work_typed_today_counts_on_the_day_it_happened() {
    // Today is 2026-11-27; every record of setup() was typed today.
    let env = setup();
    // A meeting in September, logged today with its follow-up.
    env.ok(&[
        "log",
        "pcp",
        "--date",
        "2026-09-15",
        "--channel",
        "meeting",
        "--summary",
        "x",
        "--follow-up",
        "Send the statement",
        "--due",
        "2026-12-15",
    ]);
    env.ok(&[
        "task",
        "add",
        "Book the hall",
        "--org",
        "kke",
        "--due",
        "2026-12-20",
    ]);
    // Added today: one known since last year, one met for the first time.
    env.ok(&[
        "org",
        "add",
        "Old Friends Union",
        "--handle",
        "ofu",
        "--country",
        "GR",
    ]);
    env.ok(&[
        "log",
        "ofu",
        "--date",
        "2025-06-01",
        "--channel",
        "call",
        "--summary",
        "x",
    ]);
    env.ok(&[
        "log",
        "ofu",
        "--date",
        "2026-10-20",
        "--channel",
        "call",
        "--summary",
        "x",
    ]);
    env.ok(&[
        "org",
        "add",
        "Fresh Workers Union",
        "--handle",
        "fwu",
        "--country",
        "TR",
    ]);
    env.ok(&[
        "log",
        "fwu",
        "--date",
        "2026-10-10",
        "--channel",
        "meeting",
        "--summary",
        "x",
    ]);

    let q4 = env.json(&["report", "quarterly", "--quarter", "2026Q4"]);
    let q3 = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(q3["totals"]["tasks_opened"], 1, "opened on the meeting's day");
    assert_eq!(q4["totals"]["tasks_opened"], 1, "only the one added today");
    assert_eq!(q4["previous"]["totals"]["tasks_opened"], 1);
    // New ties are first contacts; the records were all added today.
    assert_eq!(q4["totals"]["new_ties"], 1, "fwu, not ofu: {}", q4["totals"]);
    assert_eq!(q4["totals"]["organisations_added"], 6);
    assert_eq!(q3["totals"]["new_ties"], 1, "kcp");
    assert_eq!(q3["totals"]["organisations_added"], 0);
    let q2 = env.json(&["report", "quarterly", "--quarter", "2026Q2"]);
    assert_eq!(q2["totals"]["new_ties"], 2, "pcp and tudeh");
    let q1 = env.json(&["report", "quarterly", "--quarter", "2026Q1"]);
    assert_eq!(
        q1["totals"]["new_ties"], 0,
        "kke's first logged contact is in 2026Q1, but it is a partner since 2009"
    );
    assert!(q4["totals"].get("new_organisations").is_none());
    let text = env.ok(&["report", "quarterly", "--quarter", "2026Q4"]);
    assert_eq!(
        text_row(&text, "new ties (first contact)")[..2],
        ["1", "1"],
        "{text}"
    );
    assert_eq!(
        text_row(&text, "organisation records added")[..2],
        ["6", "0"],
        "{text}"
    );
    assert_eq!(text_row(&text, "follow-ups opened")[..2], ["1", "1"], "{text}");
}

/// The handles of the partners a JSON list shows as going cold.
fn cold(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["handle"].as_str().unwrap())
        .collect()
}

#[test]
fn a_document_sent_reaches_the_partner_and_is_its_last_contact() {
    // Today is 2026-11-27. pcp was last logged on 2026-09-30, kke on 2026-10-01.
    let env = setup();
    let last = |handle: &str| env.json(&["org", "show", handle])["last_contact"].clone();
    let before = env.json(&["report", "quarterly", "--quarter", "2026Q4"]);
    assert_eq!(cold(&before["going_cold"]), ["pcp"]);
    assert_eq!(
        cold(&env.json(&["agenda", "--cold", "30"])["going_cold"]),
        ["pcp", "kke"]
    );

    env.ok(&[
        "doc",
        "add",
        "Statement on the strike",
        "--lang",
        "en",
        "--date",
        "2026-11-18",
    ]);
    env.ok(&[
        "doc",
        "add",
        "Appeal for solidarity",
        "--lang",
        "en",
        "--date",
        "2026-11-19",
    ]);
    let sent = |doc: &str, date: &str| {
        env.ok(&["doc", "send", doc, "--to", "pcp", "--date", date]);
    };
    sent("strike", "2026-11-19");
    sent("solidarity", "2026-11-20");
    assert_eq!(last("pcp"), "2026-11-20");
    let listed = env.json(&["org", "list"]);
    let pcp = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["handle"] == "pcp")
        .unwrap();
    assert_eq!(pcp["last_contact"], "2026-11-20");
    assert_eq!(
        cold(&env.json(&["agenda", "--cold", "30"])["going_cold"]),
        ["kke"]
    );

    let r = env.json(&["report", "quarterly", "--quarter", "2026Q4"]);
    assert!(cold(&r["going_cold"]).is_empty(), "{}", r["going_cold"]);
    assert_eq!(r["totals"]["organisations_contacted"], 1, "kke");
    assert_eq!(
        r["totals"]["organisations_reached"], 2,
        "kke, and pcp by documents"
    );
    assert_eq!(r["totals"]["documents_sent"], 2);
    let text = env.ok(&["report", "quarterly", "--quarter", "2026Q4"]);
    assert_eq!(
        text_row(&text, "organisations reached (contacts or documents)")[..1],
        ["2"],
        "{text}"
    );
    // The report of a quarter before the copies went still shows pcp silent then.
    let q3 = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(cold(&q3["going_cold"]), ["kke"]);

    // Undo takes the last contact back with the copy, redo brings it again.
    env.ok(&["--yes", "undo"]);
    assert_eq!(last("pcp"), "2026-11-19");
    env.ok(&["--yes", "undo"]);
    assert_eq!(last("pcp"), "2026-09-30");
    env.ok(&["--yes", "undo", "--redo"]);
    assert_eq!(last("pcp"), "2026-11-19");
    // Removing the document and its copies does too.
    env.ok(&["doc", "rm", "strike", "--cascade"]);
    assert_eq!(last("pcp"), "2026-09-30");
    env.ok(&["--yes", "undo"]);
    assert_eq!(last("pcp"), "2026-11-19");
}

#[test]
fn a_rise_in_overdue_follow_ups_is_bad_news_in_every_format() {
    // Today is 2026-11-27. 2026Q3 had three contacts and nothing overdue.
    let env = setup();
    env.ok(&[
        "task",
        "add",
        "Send the programme",
        "--org",
        "kke",
        "--due",
        "2026-11-20",
    ]);
    for date in ["2026-10-05", "2026-11-02", "2026-11-20"] {
        env.ok(&[
            "log",
            "pcp",
            "--date",
            date,
            "--channel",
            "call",
            "--summary",
            "x",
        ]);
    }
    let q4 = ["report", "quarterly", "--quarter", "2026Q4"];
    let r = env.json(&q4);
    assert_eq!(r["totals"]["tasks_overdue"], 1);
    assert_eq!(r["previous"]["totals"]["tasks_overdue"], 0);
    assert_eq!(
        r["changes"]["tasks_overdue"],
        serde_json::json!({"change": 1, "meaning": "bad"})
    );
    assert_eq!(
        r["changes"]["contacts"],
        serde_json::json!({"change": 1, "meaning": "good"}),
        "four contacts against three"
    );
    assert_eq!(r["changes"]["tasks_opened"]["meaning"], "none");
    assert_eq!(
        r["changes"]["partners_going_cold"]["meaning"], "good",
        "kke was silent in Q3"
    );

    let plain = env.ok(&q4);
    let row = |text: &str, label: &str| text_row(text, label).join("  ");
    assert_eq!(
        row(&plain, "follow-ups overdue at period end"),
        "1  0  ▲ +1 (bad)"
    );
    assert_eq!(row(&plain, "contacts logged"), "4  3  ▲ +1 (good)");
    assert_eq!(
        row(&plain, "follow-ups opened"),
        "1  0  ▲ +1",
        "neither good nor bad"
    );
    assert!(!plain.contains('\x1b'), "no colour unless asked");
    let mut args = q4.to_vec();
    args.extend(["--color", "always"]);
    let colored = env.ok(&args);
    let line = |label: &str| {
        colored
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap()
            .to_string()
    };
    const RED: &str = "\x1b[38;5;9m";
    const GREEN: &str = "\x1b[38;5;10m";
    let overdue = line("follow-ups overdue");
    assert!(overdue.contains(RED) && !overdue.contains(GREEN), "{overdue:?}");
    let contacts = line("contacts logged");
    assert!(
        contacts.contains(GREEN) && !contacts.contains(RED),
        "{contacts:?}"
    );
    assert!(!line("follow-ups opened").contains('\x1b'));

    let md = env.ok(&["report", "quarterly", "--quarter", "2026Q4", "--format", "md"]);
    assert!(
        md.contains("| follow-ups overdue at period end | 1 | 0 | ▲ +1 (bad) |"),
        "{md}"
    );
    let html = env.ok(&["report", "quarterly", "--quarter", "2026Q4", "--format", "html"]);
    assert!(
        html.contains("<td class=\"n bad\"><bdi dir=\"ltr\">▲ +1 (bad)</bdi></td></tr>"),
        "{html}"
    );
    assert!(html.contains(".bad { color: #b3261e; }"), "red");
    let csv = env.ok(&["report", "quarterly", "--quarter", "2026Q4", "--format", "csv"]);
    assert!(csv.contains("\nmeaning,tasks_overdue,bad,\n"), "{csv}");
    assert!(csv.contains("\nmeaning,contacts,good,\n"), "{csv}");
}
