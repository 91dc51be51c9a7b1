//! The report as terminal text or GitHub-flavoured Markdown, from one list
//! of sections (the HTML report uses the same sections).

use super::{Better, GroupSection, Lang, Meaning, Report};
use crate::render::{Tone, table_string, toned_table_string};

/// A heading with an optional table under it.
pub struct Section {
    pub heading: String,
    /// 1 for a numbered section, 2 for a part of one.
    pub level: u8,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// What is shown when there are no rows ("none" when not set; an
    /// empty text shows nothing).
    pub empty: Option<String>,
    /// Whether the columns after the first hold figures (right-aligned,
    /// kept left-to-right in Persian).
    pub figures: bool,
    /// What the change in each row's last cell means (empty when the
    /// table has no change column).
    pub meanings: Vec<Meaning>,
}

impl Section {
    /// What the cell at `row`, `column` means, if it is a change.
    pub fn meaning(&self, row: usize, column: usize) -> Meaning {
        match self.meanings.get(row) {
            Some(m) if column + 1 == self.headers.len() => *m,
            _ => Meaning::None,
        }
    }
}

fn section(heading: &str, level: u8, headers: &[&str], rows: Vec<Vec<String>>) -> Section {
    Section {
        heading: heading.to_string(),
        level,
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        empty: None,
        figures: true,
        meanings: Vec::new(),
    }
}

/// A table of counts beside the previous period's, the change last:
/// `rows` are (cells before the change, now, before).
fn compared(
    heading: &str,
    level: u8,
    headers: &[&str],
    better: Better,
    l: Lang,
    rows: Vec<(Vec<String>, i64, i64)>,
) -> Section {
    let meanings = rows.iter().map(|(_, a, b)| better.judge(*a, *b)).collect();
    let rows = rows
        .into_iter()
        .map(|(mut cells, a, b)| {
            cells.push(l.change(a, b, better));
            cells
        })
        .collect();
    Section {
        meanings,
        ..section(heading, level, headers, rows)
    }
}

/// The two parts of a group's section: its figures beside the previous
/// period's, and its partners going cold.
fn group_sections(r: &Report, l: Lang, g: &GroupSection, cur: &str, prev: &str) -> [Section; 2] {
    let name = g.name_in(l);
    let figures = [
        ("contacts", g.contacts, g.previous_contacts),
        (
            "organisations_contacted",
            g.organisations_contacted,
            g.previous_organisations_contacted,
        ),
        (
            "organisations_reached",
            g.organisations_reached,
            g.previous_organisations_reached,
        ),
    ];
    let cold = g
        .going_cold
        .iter()
        .map(|x| {
            vec![
                format!("{} [{}]", r.org_name(l, &x.name), x.handle),
                x.country.clone(),
                x.last_contact
                    .map_or_else(|| l.t("never").to_string(), |d| l.date(d, r.period.calendar)),
            ]
        })
        .collect();
    [
        compared(
            &format!("{}: {name}", l.t("group")),
            2,
            &["", cur, prev, l.t("change")],
            Better::Up,
            l,
            figures
                .iter()
                .map(|(k, a, b)| (vec![l.t(k).to_string(), l.num(*a), l.num(*b)], *a, *b))
                .collect(),
        ),
        section(
            &format!("{name}: {}", l.t("group_going_cold")),
            2,
            &[l.t("organisation"), l.t("country"), l.t("last_contact")],
            cold,
        ),
    ]
}

/// How the text report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// For a terminal; with `color`, good news green and bad news red.
    Text {
        color: bool,
        /// The width tables fit, when shown on a terminal.
        width: Option<usize>,
    },
    Markdown,
}

/// The sections of the report, in reading order.
pub fn sections(r: &Report, l: Lang) -> Vec<Section> {
    let cal = r.period.calendar;
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| l.t("never").to_string(), |d| l.date(d, cal));
    // A period that has not ended is counted up to today: its column and
    // its "overdue" say so.
    let as_of = format!("{} {}", l.t("as_of"), l.date(r.period.as_of, cal));
    let cur = if r.period.open() {
        format!("{} ({as_of})", l.period(&r.period.label, cal))
    } else {
        l.period(&r.period.label, cal)
    };
    let prev = l.period(&r.previous.period.label, cal);
    let figures = r.totals.beside(&r.previous.totals);
    let mut out = vec![Section {
        meanings: figures.iter().map(|f| f.meaning()).collect(),
        ..section(
            l.t("totals"),
            1,
            &["", &cur, &prev, l.t("change")],
            figures
                .iter()
                .map(|f| {
                    vec![
                        l.t(f.key).to_string(),
                        l.num(f.value),
                        l.num(f.previous),
                        l.change(f.value, f.previous, f.better),
                    ]
                })
                .collect(),
        )
    }];
    out.push(compared(
        l.t("by_region"),
        1,
        &[
            l.t("region"),
            l.t("contacts"),
            l.t("organisations"),
            &prev,
            l.t("change"),
        ],
        Better::Up,
        l,
        r.by_region
            .iter()
            .map(|x| {
                let cells = vec![
                    l.region(&x.region),
                    l.num(x.contacts),
                    l.num(x.organisations),
                    l.num(x.previous_contacts),
                ];
                (cells, x.contacts, x.previous_contacts)
            })
            .collect(),
    ));
    for g in &r.groups {
        out.extend(group_sections(r, l, g, &cur, &prev));
    }
    out.push(compared(
        l.t("by_country"),
        2,
        &[
            l.t("country"),
            l.t("contacts"),
            l.t("organisations"),
            &prev,
            l.t("change"),
        ],
        Better::Up,
        l,
        r.by_country
            .iter()
            .map(|x| {
                let name = if l == Lang::Fa && !x.name_fa.is_empty() {
                    &x.name_fa
                } else {
                    &x.name
                };
                let cells = vec![
                    format!("{name} ({})", x.country),
                    l.num(x.contacts),
                    l.num(x.organisations),
                    l.num(x.previous_contacts),
                ];
                (cells, x.contacts, x.previous_contacts)
            })
            .collect(),
    ));
    // Fewer letters and more calls is neither good nor bad.
    out.push(compared(
        l.t("by_channel"),
        1,
        &[l.t("channel"), l.t("contacts"), &prev, l.t("change")],
        Better::Neither,
        l,
        r.by_channel
            .iter()
            .map(|x| {
                let cells = vec![
                    l.t(&x.channel).to_string(),
                    l.num(x.contacts),
                    l.num(x.previous_contacts),
                ];
                (cells, x.contacts, x.previous_contacts)
            })
            .collect(),
    ));
    out.push(compared(
        "",
        2,
        &[l.t("direction"), l.t("contacts"), &prev, l.t("change")],
        Better::Neither,
        l,
        r.by_direction
            .iter()
            .map(|x| {
                let cells = vec![
                    l.t(&x.direction).to_string(),
                    l.num(x.contacts),
                    l.num(x.previous_contacts),
                ];
                (cells, x.contacts, x.previous_contacts)
            })
            .collect(),
    ));
    out.push(section(
        l.t("engagement"),
        1,
        &[l.t("organisation"), l.t("country"), l.t("contacts")],
        r.top_partners
            .iter()
            .map(|x| {
                vec![
                    format!("{} [{}]", r.org_name(l, &x.name), x.handle),
                    x.country.clone(),
                    l.num(x.contacts),
                ]
            })
            .collect(),
    ));
    out.push(section(
        l.t("going_cold"),
        2,
        &[l.t("organisation"), l.t("country"), l.t("last_contact")],
        r.going_cold
            .iter()
            .map(|x| {
                vec![
                    format!("{} [{}]", r.org_name(l, &x.name), x.handle),
                    x.country.clone(),
                    date(x.last_contact),
                ]
            })
            .collect(),
    ));
    out.push(section(
        &format!("{} — {}", l.t("follow_ups"), l.t("done_in_period")),
        1,
        &[l.t("task"), l.t("organisation"), l.t("due"), l.t("done_on")],
        r.follow_ups_done
            .iter()
            .map(|x| {
                vec![
                    x.title.clone(),
                    x.organisation.clone().unwrap_or_default(),
                    date(x.due),
                    date(x.done_on),
                ]
            })
            .collect(),
    ));
    let overdue = if r.period.open() {
        format!("{} {}", l.t("overdue"), as_of)
    } else {
        l.t("overdue_at_end").to_string()
    };
    out.push(section(
        &overdue,
        2,
        &[l.t("task"), l.t("organisation"), l.t("due")],
        r.follow_ups_overdue
            .iter()
            .map(|x| {
                vec![
                    x.title.clone(),
                    x.organisation.clone().unwrap_or_default(),
                    date(x.due),
                ]
            })
            .collect(),
    ));
    out.push(section(
        l.t("trend"),
        2,
        &["", l.t("contacts")],
        r.trend
            .iter()
            .map(|m| vec![l.num(&m.month), l.num(m.contacts)])
            .collect(),
    ));
    out.push(section(
        l.t("activity"),
        1,
        &[
            l.t("event"),
            l.t("starts"),
            l.t("our_role"),
            l.t("country"),
            l.t("result"),
        ],
        r.events
            .iter()
            .map(|e| {
                vec![
                    e.name.clone(),
                    l.date(e.starts, cal),
                    l.t(e.our_role.as_str()).to_string(),
                    e.country.clone().unwrap_or_default(),
                    super::mandates::outcome_and_support(l, e.outcome.as_deref(), e.support_won.as_deref()),
                ]
            })
            .collect(),
    ));
    out.push(section(
        l.t("documents_by_language"),
        2,
        &[l.t("language"), l.t("copies")],
        r.documents_by_language
            .iter()
            .map(|d| vec![l.language(&d.language), l.num(d.copies)])
            .collect(),
    ));
    out.push(Section {
        figures: false,
        ..section(
            l.t("published_on_site"),
            2,
            &[
                l.t("item"),
                l.t("when"),
                l.t("language"),
                l.t("from"),
                l.t("link"),
            ],
            r.published
                .iter()
                .map(|p| {
                    let from = match &p.author {
                        Some(a) => r.org_name(l, a),
                        None if p.direction == "ours" => l.t("ours").to_string(),
                        None => l.t("received").to_string(),
                    };
                    vec![
                        p.title.clone(),
                        date(Some(p.date)),
                        l.language(&p.language),
                        from,
                        p.link.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
        )
    });
    out.push(section(
        l.t("objectives"),
        2,
        &[
            "#",
            l.t("objective"),
            l.t("contacts"),
            l.t("events"),
            l.t("documents"),
        ],
        r.objectives
            .iter()
            .map(|o| {
                vec![
                    l.num(o.number),
                    o.title_in(l).to_string(),
                    l.num(o.log_entries),
                    l.num(o.event_count),
                    l.num(o.document_count),
                ]
            })
            .collect(),
    ));
    out.extend(super::mandates::sections(r, l));
    if let Some(people) = &r.contact_details {
        out.push(section(
            l.t("contact_details"),
            1,
            &[
                l.t("person"),
                l.t("organisation"),
                l.t("email"),
                l.t("phone"),
                l.t("messaging"),
            ],
            people
                .iter()
                .map(|p| {
                    let name = match (l, &p.name_fa) {
                        (Lang::Fa, Some(fa)) => fa.clone(),
                        _ => p.name.clone(),
                    };
                    vec![
                        name,
                        p.organisation.clone().unwrap_or_default(),
                        p.email.clone().unwrap_or_default(),
                        p.phone.clone().unwrap_or_default(),
                        p.messaging.join("; "),
                    ]
                })
                .collect(),
        ));
    }
    out
}

/// The title line and the period line.
pub fn title(r: &Report, l: Lang) -> (String, String) {
    let cal = r.period.calendar;
    let title = format!("{} {}", l.t("title"), l.period(&r.period.label, cal));
    let range = |p: &super::Period| format!("{} – {}", l.date(p.from, cal), l.date(p.to, cal));
    // A custom period is labelled by its dates: they are not repeated.
    let previous = if l.period(&r.previous.period.label, cal) == range(&r.previous.period) {
        range(&r.previous.period)
    } else {
        format!(
            "{} ({})",
            l.period(&r.previous.period.label, cal),
            range(&r.previous.period)
        )
    };
    let sub = format!(
        "{}: {} · {}: {} · {} {}",
        l.t("period"),
        range(&r.period),
        l.t("previous"),
        previous,
        l.t("as_of"),
        l.date(r.as_of, cal),
    );
    (title, sub)
}

/// Text for a terminal, or Markdown.
pub fn render(r: &Report, l: Lang, style: Style) -> String {
    let md = style == Style::Markdown;
    let (color, width) = match style {
        Style::Text { color, width } => (color, width),
        Style::Markdown => (false, None),
    };
    let (title, sub) = title(r, l);
    let mut out = if md {
        format!("# {}\n\n{}\n", md_text(&title), md_text(&sub))
    } else {
        let mut head = String::new();
        for line in crate::render::wrap_to(&format!("{title}\n{sub}"), width) {
            head.push_str(&line);
            head.push('\n');
        }
        head
    };
    for s in sections(r, l) {
        out.push('\n');
        if !s.heading.is_empty() {
            match (md, s.level) {
                (true, 1) => out.push_str(&format!("## {}\n\n", md_text(&s.heading))),
                (true, _) => out.push_str(&format!("### {}\n\n", md_text(&s.heading))),
                (false, _) => {
                    for line in crate::render::wrap_to(&s.heading, width) {
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
            }
        }
        if s.rows.is_empty() {
            match s.empty.as_deref() {
                Some("") => {}
                Some(text) if md => out.push_str(&format!("{}\n", md_text(text))),
                Some(text) => {
                    for line in crate::render::wrap_to(text, width) {
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
                None => out.push_str(&format!("{}\n", l.t("none"))),
            }
        } else if md {
            out.push_str(&markdown_table(&s.headers, &s.rows));
        } else if color {
            let tone = |row, column| match s.meaning(row, column) {
                Meaning::Good => Some(Tone::Good),
                Meaning::Bad => Some(Tone::Bad),
                Meaning::None => None,
            };
            out.push_str(&toned_table_string(&s.headers, &s.rows, width, tone));
            out.push('\n');
        } else {
            out.push_str(&table_string(&s.headers, &s.rows, width));
            out.push('\n');
        }
    }
    out
}

/// Text as Markdown shows it, never as markup: HTML (`<script>`) becomes
/// entities, and the characters that start emphasis, code, links or
/// strike-through, and the `|` that ends a table cell, are escaped. The
/// result is one line (line breaks are shown as `\u{a}`).
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::printable(s, false).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // An entity, not `\|`: a backslash before it in the text would
            // turn `\\|` back into a cell border.
            '|' => out.push_str("&#124;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn markdown_table(headers: &[String], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "| {} |\n",
        headers.iter().map(|h| md_text(h)).collect::<Vec<_>>().join(" | ")
    );
    out.push_str(&format!(
        "|{}\n",
        headers
            .iter()
            .enumerate()
            .map(|(i, _)| if i == 0 { "---|" } else { "---:|" })
            .collect::<String>()
    ));
    for r in rows {
        out.push_str(&format!(
            "| {} |\n",
            r.iter().map(|c| md_text(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}
