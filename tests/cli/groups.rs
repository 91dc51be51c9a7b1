//! The office's own groups: named, filled from `org add/edit`, used by
//! `org list`, and refused with a hint when unknown or named twice.

use crate::common::{Env, seed};

/// A seeded database with a "Neighbours" group marked for the report.
fn with_neighbours() -> Env {
    let env = Env::new();
    seed(&env);
    env.ok(&["group", "add", "Neighbours", "--name-fa", "همسایگان", "--report"]);
    env
}

/// The database's rows without its change history, which an undo adds to.
fn data(env: &Env) -> String {
    let mut keep = true;
    let mut out = String::new();
    for line in env.snapshot().lines() {
        if let Some(table) = line.strip_prefix("== ") {
            keep = !matches!(table, "changes" | "commands");
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn handles(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|o| o["handle"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_group_crosses_regions_and_filters_org_list() {
    let env = with_neighbours();
    env.ok(&["org", "edit", "kcp", "--group", "neighbours"]);
    // By its Persian name, which folds like the stored one.
    env.ok(&["org", "edit", "tudeh", "--group", "همسایگان"]);
    let listed = env.json(&["org", "list", "--group", "Neighbours"]);
    assert_eq!(handles(&listed), ["kcp", "tudeh"]);
    assert_eq!(listed[0]["groups"], serde_json::json!(["Neighbours"]));
    let groups = env.json(&["group", "list"]);
    assert_eq!(groups[0]["handle"], "neighbours");
    assert_eq!(groups[0]["organisations"], 2);
    assert_eq!(groups[0]["in_report"], true);
    let table = env.ok(&["group", "show", "neighbours"]);
    assert!(table.contains("Tudeh Party of Iran"), "{table}");
    assert!(!table.contains("Communist Party of Greece"), "{table}");
}

#[test]
fn org_add_joins_groups_and_edit_takes_it_out() {
    let env = with_neighbours();
    env.ok(&["group", "add", "Gulf"]);
    env.ok(&[
        "org",
        "add",
        "Peoples' Democratic Party",
        "--country",
        "TR",
        "--handle",
        "hdp",
        "--group",
        "neighbours",
        "--group",
        "gulf",
    ]);
    let count = |g: &str| {
        env.count(&format!(
            "SELECT count(*) FROM org_groups m JOIN groups g ON g.id = m.group_id
              JOIN organisations o ON o.id = m.org_id WHERE o.handle = 'hdp' AND g.handle = '{g}'"
        ))
    };
    assert_eq!((count("neighbours"), count("gulf")), (1, 1));
    env.ok(&["org", "edit", "hdp", "--ungroup", "Gulf"]);
    assert_eq!((count("neighbours"), count("gulf")), (1, 0));
    env.ok(&["--yes", "undo"]);
    assert_eq!(count("gulf"), 1);
}

#[test]
fn an_unknown_group_is_refused_and_nothing_changes() {
    let env = with_neighbours();
    let before = env.snapshot();
    let err = env.fails(1, &["org", "edit", "kke", "--group", "balkans"]);
    assert!(err.contains("no group `balkans`"), "{err}");
    assert!(err.contains("hint: the groups are: neighbours"), "{err}");
    assert!(err.contains("liaison group add \"balkans\""), "{err}");
    let err = env.fails(
        1,
        &[
            "org",
            "add",
            "Party of Labour",
            "--country",
            "AL",
            "--group",
            "balkans",
        ],
    );
    assert!(err.contains("no group `balkans`"), "{err}");
    let err = env.fails(1, &["org", "list", "--group", "balkans"]);
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_group_name_or_handle_twice_is_refused() {
    let env = with_neighbours();
    let before = env.snapshot();
    let before_data = data(&env);
    let err = env.fails(1, &["group", "add", "NEIGHBOURS"]);
    assert!(
        err.contains("already a group named Neighbours (`neighbours`)"),
        "{err}"
    );
    assert!(
        err.contains("hint: see it with: liaison group show neighbours"),
        "{err}"
    );
    let err = env.fails(1, &["group", "add", "Balkans", "--handle", "neighbours"]);
    assert!(err.contains("handle `neighbours` is already taken"), "{err}");
    assert!(err.contains("hint: choose another with --handle"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["group", "add", "Balkans"]);
    let after_add = env.snapshot();
    let err = env.fails(1, &["group", "edit", "balkans", "--name", "neighbours"]);
    assert!(err.contains("already a group named"), "{err}");
    assert_eq!(env.snapshot(), after_add);
    env.ok(&["--yes", "undo"]);
    assert_eq!(data(&env), before_data);
}

#[test]
fn edit_renames_and_marks_for_the_report_and_rm_is_undone() {
    let env = with_neighbours();
    env.ok(&["org", "edit", "kcp", "--group", "neighbours"]);
    env.ok(&[
        "group",
        "edit",
        "neighbours",
        "--name",
        "Near neighbours",
        "--no-report",
    ]);
    let g = env.json(&["group", "show", "neighbours"]);
    assert_eq!(g["group"]["name"], "Near neighbours");
    assert_eq!(g["group"]["in_report"], false);
    assert_eq!(
        g["organisations"][0]["groups"],
        serde_json::json!(["Near neighbours"])
    );
    let before = data(&env);
    let out = env.ok(&["group", "rm", "neighbours"]);
    assert!(out.contains("deleted group neighbours"), "{out}");
    assert_eq!(env.count("SELECT count(*) FROM org_groups"), 0);
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE handle = 'kcp'"),
        1
    );
    env.ok(&["--yes", "undo"]);
    assert_eq!(data(&env), before);
}

#[test]
fn an_organisations_history_names_a_deleted_group_by_its_handle() {
    let env = with_neighbours();
    env.ok(&["org", "edit", "kcp", "--group", "neighbours"]);
    let id: String = env
        .sql()
        .query_row("SELECT id FROM groups WHERE handle = 'neighbours'", [], |r| {
            r.get(0)
        })
        .unwrap();
    env.ok(&["group", "rm", "neighbours"]);
    let out = env.ok(&["changes", "kcp"]);
    assert!(out.contains("neighbours"), "{out}");
    assert!(!out.contains(&id[..8]), "{out}");
}

/// (organisation handle) of each copy sent, in order.
fn sent_to(env: &Env) -> Vec<String> {
    let conn = env.sql();
    let mut stmt = conn
        .prepare(
            "SELECT o.handle FROM distributions x JOIN organisations o ON o.id = x.org_id ORDER BY o.handle",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_document_goes_to_a_group_across_regions_as_to_a_region() {
    let env = Env::new();
    env.ok(&["group", "add", "Neighbours"]);
    for (name, handle, cc, status, group) in [
        ("Iraqi Communist Party", "icp", "IQ", "partner", true),
        ("Turkish Workers Party", "tip", "TR", "partner", true),
        ("Afghan Left Party", "alp", "AF", "contact", true),
        ("Party of Labour of Armenia", "plarm", "AM", "prospect", true),
        ("Communist Party of Greece", "kke", "GR", "partner", false),
    ] {
        let mut args = vec![
            "org",
            "add",
            name,
            "--handle",
            handle,
            "--country",
            cc,
            "--status",
            status,
        ];
        if group {
            args.extend(["--group", "neighbours"]);
        }
        env.ok(&args);
    }
    env.ok(&["doc", "add", "Statement", "--lang", "en", "--date", "2026-11-01"]);
    let before = env.snapshot();
    let err = env.fails(1, &["doc", "send", "Statement", "--to-group", "gulf"]);
    assert!(err.contains("no group `gulf`"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["doc", "send", "Statement", "--to-group", "Neighbours"]);
    // Three sub-regions (Western, Southern Asia), ties only: not the
    // prospect, not the partner outside the group.
    assert_eq!(sent_to(&env), ["alp", "icp", "tip"]);
    env.ok(&[
        "doc",
        "send",
        "Statement",
        "--to-group",
        "neighbours",
        "--any-status",
        "--date",
        "2026-11-02",
    ]);
    assert!(sent_to(&env).contains(&"plarm".to_string()));
    assert!(!sent_to(&env).contains(&"kke".to_string()));
}

#[test]
fn groups_go_out_in_org_exports_and_come_back_in() {
    let env = with_neighbours();
    env.ok(&["group", "add", "Kurdistan", "--name-fa", "کردستان"]);
    env.ok(&[
        "org",
        "edit",
        "kcp",
        "--group",
        "neighbours",
        "--group",
        "kurdistan",
    ]);
    env.ok(&["org", "edit", "tudeh", "--group", "neighbours"]);
    let csv = env.ok(&["export", "orgs"]);
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",groups"), "{header}");
    let kcp = csv
        .lines()
        .find(|l| l.contains("Communist Party of Kurdistan"))
        .unwrap();
    assert!(kcp.ends_with(",Kurdistan; Neighbours"), "{kcp}");
    for ext in ["csv", "xlsx"] {
        let file = env.path(&format!("orgs.{ext}"));
        env.ok(&["export", "orgs", "--out", file.to_str().unwrap()]);
        // Into a database with no groups: they come with the file.
        let copy = Env::new();
        let out = copy.ok(&["import", "orgs", file.to_str().unwrap()]);
        assert!(
            out.contains("new groups: Kurdistan (`kurdistan`), Neighbours (`neighbours`)"),
            "{out}"
        );
        assert_eq!(
            copy.json(&["org", "show", "kcp"])["groups"],
            serde_json::json!(["Kurdistan", "Neighbours"]),
            "{ext}"
        );
        assert_eq!(copy.ok(&["export", "orgs"]), csv, "{ext}");
    }
}

#[test]
fn an_import_column_of_groups_in_persian_fills_them_and_a_refused_file_makes_none() {
    let env = with_neighbours();
    env.ok(&["group", "add", "Kurdistan", "--name-fa", "کردستان"]);
    let file = env.path("list.csv");
    std::fs::write(
        &file,
        "نام,کشور,گروه\nLeft Party of Iraq,IQ,همسایگان; کردستان\nCommunist Party of Albania,AL,\n",
    )
    .unwrap();
    env.ok(&["import", "orgs", file.to_str().unwrap()]);
    let listed = env.json(&["org", "list", "--group", "kurdistan"]);
    assert_eq!(listed[0]["name"], "Left Party of Iraq");
    assert_eq!(
        listed[0]["groups"],
        serde_json::json!(["Kurdistan", "Neighbours"])
    );
    let before = env.snapshot();
    std::fs::write(
        &file,
        "Name,Country,Groups\nParty of Labour,AL,Balkans\nPeople's Party,Xx,Neighbours\n",
    )
    .unwrap();
    let err = env.fails(1, &["import", "orgs", file.to_str().unwrap()]);
    assert!(err.contains("line 3") && err.contains("Xx"), "{err}");
    assert_eq!(env.snapshot(), before);
    // With --partial the good row goes in and brings its new group; the
    // refused row makes none.
    let refused = env.path("refused.csv");
    let out = env.ok(&[
        "import",
        "orgs",
        file.to_str().unwrap(),
        "--partial",
        refused.to_str().unwrap(),
    ]);
    assert!(out.contains("new groups: Balkans (`balkans`)"), "{out}");
    assert_eq!(env.count("SELECT count(*) FROM groups"), 3);
    let listed = env.json(&["org", "list", "--group", "balkans"]);
    assert_eq!(listed[0]["name"], "Party of Labour");
}

/// Neighbours (in the report: kcp, tudeh and a silent partner, tkp) and
/// Balkans (not in the report: kke), with contacts in 2026 Q2 and Q3.
fn report_setup() -> Env {
    let env = with_neighbours();
    env.ok(&["group", "add", "Balkans"]);
    env.ok(&["org", "edit", "kcp", "--group", "neighbours"]);
    env.ok(&["org", "edit", "tudeh", "--group", "neighbours"]);
    env.ok(&["org", "edit", "kke", "--group", "balkans"]);
    env.ok(&[
        "org",
        "add",
        "Communist Party of Turkey",
        "--handle",
        "tkp",
        "--country",
        "TR",
        "--status",
        "partner",
        "--group",
        "neighbours",
    ]);
    for (org, date) in [
        ("tudeh", "2026-06-30"),
        ("kcp", "2026-07-01"),
        ("kcp", "2026-08-10"),
        ("kke", "2026-08-11"),
    ] {
        env.ok(&["log", org, "--date", date, "--channel", "email", "--summary", "x"]);
    }
    env
}

#[test]
fn the_report_has_a_section_per_group_marked_for_it_in_every_format() {
    let env = report_setup();
    let q3 = ["report", "quarterly", "--quarter", "2026Q3"];
    let json = env.json(&q3);
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    let g = &groups[0];
    assert_eq!(g["handle"], "neighbours");
    assert_eq!(
        (g["contacts"].as_i64(), g["previous_contacts"].as_i64()),
        (Some(2), Some(1))
    );
    assert_eq!(g["organisations_contacted"], 1);
    assert_eq!(g["organisations_reached"], 1);
    assert_eq!(g["going_cold"][0]["handle"], "tkp");
    assert_eq!(g["going_cold"].as_array().unwrap().len(), 1);

    let text = env.ok(&q3);
    assert!(text.contains("Group: Neighbours"), "{text}");
    assert!(
        text.contains("Neighbours: partners with no contact in the period"),
        "{text}"
    );
    assert!(!text.contains("Balkans"), "{text}");
    let fa = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--lang", "fa"]);
    assert!(fa.contains("گروه: همسایگان"), "{fa}");
    let md = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "md"]);
    assert!(md.contains("Group: Neighbours"), "{md}");
    let html = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "html"]);
    assert!(html.contains("<h3>Group: Neighbours</h3>"), "{html}");
    let csv = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "csv"]);
    assert!(csv.contains("group_neighbours,contacts,2,1"), "{csv}");
    assert!(csv.contains("group_neighbours,going_cold:tkp,,"), "{csv}");
    assert!(!csv.contains("group_balkans"), "{csv}");

    let book = env.path("q3.xlsx");
    env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--out",
        book.to_str().unwrap(),
    ]);
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&book).unwrap();
    let range = wb.worksheet_range("group_neighbours").unwrap();
    let cells: Vec<String> = range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(cells.contains(&"going_cold:tkp".to_string()), "{cells:?}");

    // Marked off, the section goes.
    env.ok(&["group", "edit", "neighbours", "--no-report"]);
    assert_eq!(env.json(&q3)["groups"], serde_json::json!([]));
}

/// Whether each sheet of an .xlsx file reads right to left, by sheet file.
fn right_to_left_sheets(path: &std::path::Path) -> Vec<(String, bool)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/sheet") {
            let mut xml = String::new();
            f.read_to_string(&mut xml).unwrap();
            out.push((name, xml.contains("rightToLeft=\"1\"")));
        }
    }
    out.sort();
    out
}

#[test]
fn persian_sheets_read_right_to_left_and_others_left_to_right() {
    let env = report_setup();
    let en = env.path("q3.xlsx");
    let fa = env.path("q3-fa.xlsx");
    env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--out",
        en.to_str().unwrap(),
    ]);
    env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--lang",
        "fa",
        "--out",
        fa.to_str().unwrap(),
    ]);
    let en = right_to_left_sheets(&en);
    let fa = right_to_left_sheets(&fa);
    assert!(en.len() > 3 && en.len() == fa.len(), "{en:?} {fa:?}");
    assert!(en.iter().all(|(_, rtl)| !rtl), "{en:?}");
    assert!(fa.iter().all(|(_, rtl)| *rtl), "{fa:?}");
    // An export whose text is mostly Persian reads right to left; a
    // Latin one does not.
    env.ok(&[
        "log",
        "tudeh",
        "--date",
        "2026-11-01",
        "--channel",
        "meeting",
        "--summary",
        "دیدار با رفقا در باره‌ی اعتصاب کارگران نفت و برنامه‌ی همبستگی",
    ]);
    let log = env.path("log.xlsx");
    let orgs = env.path("orgs.xlsx");
    env.ok(&[
        "export",
        "log",
        "--since",
        "2026-11-01",
        "--out",
        log.to_str().unwrap(),
    ]);
    env.ok(&["export", "orgs", "--out", orgs.to_str().unwrap()]);
    assert!(right_to_left_sheets(&log)[0].1);
    assert!(!right_to_left_sheets(&orgs)[0].1);
}
