//! The wholly Persian report: mandates and organisations named in Persian
//! when they have a Persian name, labels and language names in Persian;
//! the English report keeps the English names.

use crate::common::{Env, seed};

const WIDEN_FA: &str = "گسترش ارتباطات و همکاری‌های بین‌المللی";

/// A quarter with a contact for mandate 1 with kke, which has a Persian
/// name, and a statement for mandate 6 translated into Persian.
fn quarter() -> Env {
    let env = Env::new();
    seed(&env);
    env.ok(&["org", "edit", "kke", "--name-fa", "حزب کمونیست یونان"]);
    env.ok(&[
        "log",
        "kke",
        "pcp",
        "--channel",
        "meeting",
        "--date",
        "2026-08-10",
        "--subject",
        "Planning",
        "--summary",
        "x",
        "--objective",
        "1",
    ]);
    env
}

fn report(env: &Env, lang: &str) -> String {
    env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--lang",
        lang,
        "--format",
        "md",
    ])
}

#[test]
fn init_stores_each_mandate_with_its_persian_title() {
    let env = Env::new();
    let list = env.json(&["objective", "list"]);
    let titles: Vec<(&str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["title"].as_str().unwrap(), o["title_fa"].as_str().unwrap()))
        .collect();
    assert_eq!(titles.len(), 7);
    assert_eq!(titles[0], ("Widen ties", WIDEN_FA));
    assert_eq!(titles[6], ("Joint seminars", "برگزاری سمینارهای مشترک"));
    // No Latin letter in a Persian title.
    for (_, fa) in &titles {
        assert!(!fa.chars().any(|c| c.is_ascii_alphabetic()), "{fa}");
    }
    // A Persian word finds a mandate as an English one does.
    seed(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "email",
        "--summary",
        "x",
        "--objective",
        "سمینارهای مشترک",
    ]);
    assert_eq!(
        env.json(&["history", "--objective", "7"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn objective_add_and_edit_take_both_titles() {
    let env = Env::new();
    env.ok(&[
        "objective",
        "add",
        "Solidarity campaigns",
        "--title-fa",
        "کارزارهای همبستگی",
    ]);
    let list = env.json(&["objective", "list"]);
    assert_eq!(list[7]["title_fa"], "کارزارهای همبستگی");
    env.ok(&["objective", "edit", "8", "--title-fa", "کارزار همبستگی"]);
    assert_eq!(env.json(&["objective", "list"])[7]["title_fa"], "کارزار همبستگی");
    env.ok(&["objective", "edit", "8", "--title-fa", ""]);
    assert!(env.json(&["objective", "list"])[7]["title_fa"].is_null());
    // Undo brings the Persian title back.
    env.ok(&["undo", "--yes"]);
    assert_eq!(env.json(&["objective", "list"])[7]["title_fa"], "کارزار همبستگی");
}

#[test]
fn the_persian_report_names_mandates_and_organisations_in_persian() {
    let env = quarter();
    let fa = report(&env, "fa");
    assert!(fa.contains(&format!("### ۱. {WIDEN_FA}")), "{fa}");
    assert!(!fa.contains("Widen ties"), "{fa}");
    // kke has a Persian name; pcp has none and keeps its name.
    let line = fa.lines().find(|l| l.contains("| Planning |")).unwrap();
    assert!(
        line.contains("حزب کمونیست یونان") && line.contains("Portuguese Communist Party"),
        "{line}"
    );
    assert!(line.contains("؛ "), "listed with a Persian semicolon: {line}");
    assert!(!fa.contains("Communist Party of Greece"), "{fa}");
    let en = report(&env, "en");
    assert!(en.contains("### 1. Widen ties"), "{en}");
    let line = en.lines().find(|l| l.contains("| Planning |")).unwrap();
    assert!(
        line.contains("Communist Party of Greece") && line.contains("; Portuguese Communist Party")
            || line.contains("Portuguese Communist Party; Communist Party of Greece"),
        "{line}"
    );
    assert!(
        !en.contains("حزب کمونیست یونان") && !en.contains(WIDEN_FA),
        "{en}"
    );
    // JSON keeps its keys and gains the Persian title beside the English.
    let j = env.json(&["report", "quarterly", "--quarter", "2026Q3"]);
    assert_eq!(j["objectives"][0]["title"], "Widen ties");
    assert_eq!(j["objectives"][0]["title_fa"], WIDEN_FA);
}

#[test]
fn the_persian_report_names_languages_in_persian() {
    let env = quarter();
    env.ok(&[
        "doc",
        "add",
        "Statement on the strike",
        "--kind",
        "statement",
        "--date",
        "2026-08-01",
        "--lang",
        "fa",
        "--objective",
        "6",
    ]);
    env.ok(&[
        "doc",
        "translate",
        "Statement on the strike",
        "--lang",
        "en",
        "--status",
        "done",
    ]);
    let fa = report(&env, "fa");
    assert!(fa.contains("فارسی، انگلیسی"), "{fa}");
    let en = report(&env, "en");
    assert!(en.contains("fa, en"), "{en}");
}

#[test]
fn an_organisation_carries_a_persian_name_through_edit_search_export_and_import() {
    let env = Env::new();
    env.ok(&[
        "org",
        "add",
        "Iraqi Communist Party",
        "--handle",
        "icp",
        "--country",
        "IQ",
        "--name-fa",
        "حزب کمونیست عراق",
    ]);
    assert_eq!(env.json(&["org", "show", "icp"])["name_fa"], "حزب کمونیست عراق");
    // Found by its Persian name, loosely (Arabic kaf and yeh).
    assert_eq!(env.json(&["org", "show", "حزب كمونيست عراق"])["handle"], "icp");
    let csv = env.ok(&["export", "orgs"]);
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",last_contact,name_fa,groups"), "{header}");
    assert!(csv.contains("حزب کمونیست عراق"), "{csv}");
    // An import column sets it; "Persian name" is understood.
    let file = env.path("orgs.csv");
    std::fs::write(
        &file,
        "name,country,Persian name\nLebanese Communist Party,LB,حزب کمونیست لبنان\n",
    )
    .unwrap();
    env.ok(&["import", "orgs", file.to_str().unwrap()]);
    let lcp = env.json(&["org", "show", "Lebanese Communist Party"]);
    assert_eq!(lcp["name_fa"], "حزب کمونیست لبنان");
    // Cleared with an empty value; undo restores it.
    env.ok(&["org", "edit", "icp", "--name-fa", ""]);
    assert!(env.json(&["org", "show", "icp"])["name_fa"].is_null());
    env.ok(&["undo", "--yes"]);
    assert_eq!(env.json(&["org", "show", "icp"])["name_fa"], "حزب کمونیست عراق");
}
