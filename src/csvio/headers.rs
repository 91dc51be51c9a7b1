//! Matching spreadsheet column headers to liaison's fields, in English or
//! Persian, loosely (`Name (original)`, `native_name`, `نام اصلی`).

use crate::error::{Error, Result};
use crate::text::fold;

/// One importable field and the headers that mean it.
pub struct Field {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// Another field whose column may stand in for a required one.
    pub instead: &'static str,
}

const fn f(name: &'static str, aliases: &'static [&'static str]) -> Field {
    Field {
        name,
        aliases,
        required: false,
        instead: "",
    }
}

const fn req(name: &'static str, aliases: &'static [&'static str]) -> Field {
    Field {
        name,
        aliases,
        required: true,
        instead: "",
    }
}

/// A required field that another field's column can stand in for.
const fn req_or(name: &'static str, instead: &'static str, aliases: &'static [&'static str]) -> Field {
    Field {
        name,
        aliases,
        required: true,
        instead,
    }
}

/// Columns export and the reports write that import reads back but does
/// not set (normalised, words joined by `_`).
pub const DERIVED: &[&str] = &["last_contact", "number", "آخرین_تماس", "شماره"];

pub const ORG_FIELDS: &[Field] = &[
    f("id", &[]),
    f("handle", &["code", "شناسه"]),
    req(
        "name",
        &[
            "organisation",
            "organization",
            "org",
            "party",
            "partner",
            "party name",
            "name of party",
            "name of the party",
            "party name english",
            "party name in english",
            "organisation name",
            "organization name",
            "name of organisation",
            "name of organization",
            "name english",
            "name in english",
            "english name",
            "name en",
            "نام",
            "نام سازمان",
            "نام حزب",
            "نام انگلیسی",
            "سازمان",
            "سازمانها",
            "حزب",
            "الاسم",
            "اسم الحزب",
            "الحزب",
            "المنظمة",
        ],
    ),
    f(
        "native_name",
        &[
            "native name",
            "name original",
            "original name",
            "name in original language",
            "name in the original language",
            "original language name",
            "name in own language",
            "name in own script",
            "local name",
            "name local",
            "name native",
            "native",
            "party name original",
            "party name native",
            "party name local",
            "نام اصلی",
            "نام به زبان اصلی",
            "نام بومی",
            "الاسم الأصلي",
            "الاسم بلغته",
        ],
    ),
    f(
        "acronym",
        &[
            "abbreviation",
            "abbr",
            "abbrev",
            "short name",
            "short",
            "shortname",
            "initials",
            "party acronym",
            "party abbreviation",
            "party abbr",
            "party short name",
            "party name short",
            "نام اختصاری",
            "نام کوتاه",
            "سرنام",
            "مخفف",
            "اختصار",
            "الاختصار",
        ],
    ),
    f(
        "aliases",
        &[
            "alias",
            "other names",
            "also known as",
            "aka",
            "نام های دیگر",
            "نامهای دیگر",
        ],
    ),
    req_or(
        "country",
        "country_code",
        &[
            "nation",
            "country name",
            "state",
            "کشور",
            "البلد",
            "الدولة",
            "بلد",
        ],
    ),
    f(
        "country_code",
        &[
            "country code",
            "country iso",
            "iso",
            "iso code",
            "iso2",
            "iso3",
            "country name short",
            "country short",
            "cc",
            "کد کشور",
            "رمز البلد",
        ],
    ),
    f("region", &["منطقه"]),
    f("kind", &["type", "نوع"]),
    f("status", &["relationship", "وضعیت"]),
    f(
        "since",
        &["relationship since", "partner since", "from", "از تاریخ"],
    ),
    f("languages", &["language", "langs", "زبان", "زبان ها", "زبانها"]),
    f(
        "website",
        &[
            "web",
            "site",
            "url",
            "web site",
            "website url",
            "homepage",
            "home page",
            "party website",
            "وبسایت",
            "وب سایت",
            "سایت",
            "تارنما",
            "الموقع",
            "الموقع الإلكتروني",
        ],
    ),
    f("email", &["e mail", "mail", "ایمیل", "رایانامه"]),
    f("tags", &["tag", "labels", "برچسب", "برچسب ها", "برچسبها"]),
    f("groups", &["group", "گروه", "گروه ها", "گروهها"]),
    f(
        "notes",
        &["note", "comments", "remarks", "یادداشت", "یادداشت ها", "توضیحات"],
    ),
    f("sensitivity", &["حساسیت"]),
    f("created_at", &[]),
    f("updated_at", &[]),
    f(
        "name_fa",
        &["name persian", "persian name", "name in persian", "نام فارسی"],
    ),
];

pub const PERSON_FIELDS: &[Field] = &[
    f("id", &[]),
    req(
        "name",
        &["person", "full name", "نام", "نام و نام خانوادگی", "فرد"],
    ),
    f(
        "native_name",
        &["name original", "original name", "native", "نام اصلی"],
    ),
    f(
        "name_fa",
        &["name persian", "persian name", "name in persian", "نام فارسی"],
    ),
    f("organisation", &["organization", "org", "party", "سازمان", "حزب"]),
    f("role", &["position", "title", "function", "سمت", "نقش"]),
    f("email", &["e mail", "mail", "ایمیل"]),
    f("phone", &["telephone", "tel", "mobile", "تلفن", "موبایل"]),
    f(
        "messaging",
        &[
            "signal",
            "telegram",
            "whatsapp",
            "messenger",
            "پیام رسان",
            "پیامرسان",
        ],
    ),
    f("languages", &["language", "زبان", "زبان ها"]),
    f("notes", &["note", "comments", "یادداشت", "توضیحات"]),
    f("do_not_contact", &["do not contact", "no contact"]),
    f("sensitivity", &["حساسیت"]),
    f("created_at", &[]),
    f("updated_at", &[]),
];

pub const LOG_FIELDS: &[Field] = &[
    f("id", &[]),
    req("date", &["day", "when", "تاریخ", "کی"]),
    f("time", &["hour", "ساعت"]),
    f("channel", &["medium", "via", "type", "کانال", "نوع", "راه تماس"]),
    f("direction", &["in out", "جهت"]),
    req(
        "organisations",
        &[
            "organisation",
            "organization",
            "organizations",
            "org",
            "orgs",
            "party",
            "partner",
            "with organisation",
            "سازمان",
            "سازمان ها",
            "حزب",
        ],
    ),
    f("people", &["person", "with", "participants", "افراد"]),
    f("subject", &["topic", "title", "موضوع"]),
    req(
        "summary",
        &["notes", "note", "description", "what happened", "خلاصه", "شرح"],
    ),
    f("tags", &["tag", "برچسب"]),
    f("objectives", &["objective", "mandates", "اهداف"]),
    f(
        "follow_up",
        &["followup", "follow up task", "next step", "پیگیری"],
    ),
    f("due", &["due date", "deadline", "مهلت"]),
    f("logged_by", &["by", "author"]),
    f("created_at", &[]),
    f("updated_at", &[]),
];

pub const TASK_FIELDS: &[Field] = &[
    f("id", &[]),
    req(
        "title",
        &["task", "follow up", "follow_up", "what", "کار", "عنوان", "پیگیری"],
    ),
    f("organisation", &["organization", "org", "party", "سازمان"]),
    f("origin", &[]),
    f("due", &["due date", "deadline", "مهلت"]),
    f("priority", &["اولویت"]),
    f("assignee", &["assigned to", "who", "owner", "مسئول"]),
    f("status", &["state", "وضعیت"]),
    f("done_on", &["done", "completed", "انجام شده", "انجام"]),
    f("notes", &["note", "یادداشت"]),
    f("created_at", &[]),
    f("updated_at", &[]),
];

pub const EVENT_FIELDS: &[Field] = &[
    f("id", &[]),
    req("name", &["event", "title", "نام", "رویداد"]),
    f("kind", &["type", "نوع"]),
    req("starts", &["date", "start", "from", "تاریخ", "آغاز"]),
    f("ends", &["end", "until", "to", "پایان"]),
    f("city", &["place", "شهر"]),
    f("country", &["کشور"]),
    f("our_role", &["role", "our part", "نقش ما"]),
    f(
        "organisations",
        &["organisation", "organizations", "partners", "orgs", "سازمان ها"],
    ),
    f("people", &["with", "participants", "افراد"]),
    f("objectives", &["objective", "mandates", "اهداف"]),
    f("outcome", &["result", "notes", "نتیجه"]),
    f("created_at", &[]),
    f("updated_at", &[]),
    f("support_won", &["support", "support won", "پشتیبانی"]),
];

pub const DOC_FIELDS: &[Field] = &[
    f("id", &[]),
    req("title", &["document", "name", "عنوان"]),
    f("kind", &["type", "نوع"]),
    req("date", &["تاریخ"]),
    req("language", &["lang", "زبان"]),
    f("direction", &["ours or received"]),
    f("author", &["from", "received from", "organisation", "نویسنده"]),
    f("translation_of", &["original", "translation of"]),
    f("translation_status", &["status", "وضعیت"]),
    f("link", &["url", "file", "path", "پیوند"]),
    f("notes", &["note", "یادداشت"]),
    f("objectives", &["objective", "mandates", "اهداف"]),
    f("created_at", &[]),
    f("updated_at", &[]),
    f("published_on", &["published", "تاریخ انتشار"]),
];

pub const BRIEFING_FIELDS: &[Field] = &[
    f("id", &[]),
    req("date", &["تاریخ"]),
    req("title", &["briefing", "what", "subject", "عنوان"]),
    f("summary", &["notes", "خلاصه"]),
    f("audience", &["who", "branch", "مخاطبان"]),
    f(
        "organisations",
        &[
            "organisation",
            "organizations",
            "partners",
            "orgs",
            "on",
            "سازمان ها",
        ],
    ),
    f("objective", &["objectives", "mandate", "هدف"]),
    f("link", &["url", "پیوند"]),
    f("created_at", &[]),
    f("updated_at", &[]),
];

pub const DISTRIBUTION_FIELDS: &[Field] = &[
    f("id", &[]),
    req("document", &["document id", "doc"]),
    f("title", &[]),
    f("language", &[]),
    req("organisation", &["organization", "to", "sent to", "سازمان"]),
    req("date", &["sent", "تاریخ"]),
    f("channel", &["via", "how"]),
];

/// The header normalised for matching: folded, punctuation as spaces.
pub fn normalise(header: &str) -> String {
    fold(header)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which field each column holds (None: unknown), and the unknown headers.
pub struct Mapping {
    pub columns: Vec<Option<usize>>,
    pub unknown: Vec<String>,
}

impl Mapping {
    /// The column holding field `name`, if any.
    pub fn column(&self, fields: &[Field], name: &str) -> Option<usize> {
        let fi = fields.iter().position(|f| f.name == name)?;
        self.columns.iter().position(|c| *c == Some(fi))
    }
}

/// Maps headers to fields; `maps` are the user's `COLUMN=field` overrides.
pub fn map(file: &str, headers: &[String], fields: &[Field], maps: &[(String, String)]) -> Result<Mapping> {
    let field_index = |name: &str| {
        let n = normalise(name).replace(' ', "_");
        fields.iter().position(|f| f.name == n)
    };
    let mut columns = Vec::with_capacity(headers.len());
    let mut unknown = Vec::new();
    for h in headers {
        let norm = normalise(h);
        let forced = maps.iter().find(|(c, _)| normalise(c) == norm);
        let found = match forced {
            Some((_, field)) if field == "-" || field == "ignore" => None,
            Some((c, field)) => Some(field_index(field).ok_or_else(|| {
                Error::usage(format!("--map {c}={field}: unknown field `{field}`")).hint(format!(
                    "fields: {}",
                    fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                ))
            })?),
            None => fields
                .iter()
                .position(|f| normalise(f.name) == norm || f.aliases.iter().any(|a| normalise(a) == norm)),
        };
        if found.is_none()
            && !norm.is_empty()
            && !DERIVED.iter().any(|d| normalise(&d.replace('_', " ")) == norm)
            && forced.is_none()
        {
            unknown.push(h.clone());
        }
        columns.push(found);
    }
    settle_english_name(headers, fields, &mut columns);
    for (i, c) in columns.iter().enumerate() {
        if let Some(fi) = c
            && let Some(j) = columns[..i].iter().position(|x| x == c)
        {
            return Err(Error::user(format!(
                "{file}: columns `{}` and `{}` both mean {}",
                headers[j], headers[i], fields[*fi].name
            ))
            .hint(format!("ignore one with --map '{}=-'", headers[i])));
        }
    }
    for (fi, field) in fields.iter().enumerate() {
        let stand_in = fields
            .iter()
            .position(|f| !field.instead.is_empty() && f.name == field.instead)
            .is_some_and(|i| columns.contains(&Some(i)));
        if field.required && !columns.contains(&Some(fi)) && !stand_in {
            return Err(
                Error::user(format!("{file}: no column for {}", field.name)).hint(format!(
                    "name the column that holds it with --map 'COLUMN={}' (columns: {})",
                    field.name,
                    headers.join(", ")
                )),
            );
        }
    }
    Ok(Mapping { columns, unknown })
}

/// Words that mark a name column as the English (Latin-script) one.
const ENGLISH: &[&str] = &["english", "en", "انگلیسی", "الإنجليزية", "بالإنجليزية"];

/// Directories that give a party's name twice (`party_name_english` and
/// `party_name`, `Name (English)` and `Name`, `Party name` and `نام`) mean
/// the unmarked one, or the one headed in another script, as the name in
/// the party's own language: it becomes the native name, when no other
/// column is.
fn settle_english_name(headers: &[String], fields: &[Field], columns: &mut [Option<usize>]) {
    let (Some(name), Some(native)) = (
        fields.iter().position(|f| f.name == "name"),
        fields.iter().position(|f| f.name == "native_name"),
    ) else {
        return;
    };
    let named: Vec<usize> = (0..columns.len()).filter(|i| columns[*i] == Some(name)).collect();
    if named.len() != 2 || columns.contains(&Some(native)) {
        return;
    }
    let english = |i: usize| normalise(&headers[i]).split(' ').any(|w| ENGLISH.contains(&w));
    let latin = |i: usize| {
        headers[i]
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_ascii())
    };
    let marked = if english(named[0]) != english(named[1]) {
        (english(named[0]), english(named[1]))
    } else {
        // `Party name` beside `نام`: the header in another script is the
        // column in another script.
        (latin(named[0]), latin(named[1]))
    };
    match marked {
        (true, false) => columns[named[1]] = Some(native),
        (false, true) => columns[named[0]] = Some(native),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(headers: &[&str], fields: &[Field]) -> Vec<Option<&'static str>> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        let m = map("f.csv", &h, fields, &[]).unwrap();
        m.columns.iter().map(|c| c.map(|i| fields[i].name)).collect()
    }

    #[test]
    fn english_and_persian_headers_match() {
        assert_eq!(
            names(
                &["Name", "Name (original)", "Country", "Type", "Contact person"],
                ORG_FIELDS
            ),
            [
                Some("name"),
                Some("native_name"),
                Some("country"),
                Some("kind"),
                None
            ]
        );
        assert_eq!(
            names(
                &["نام", "نام اصلی", "کشور", "نوع", "وضعیت", "یادداشت"],
                ORG_FIELDS
            ),
            [
                Some("name"),
                Some("native_name"),
                Some("country"),
                Some("kind"),
                Some("status"),
                Some("notes")
            ]
        );
        assert_eq!(
            names(&["date", "organisation", "summary", "follow_up"], LOG_FIELDS)[3],
            Some("follow_up")
        );
    }

    #[test]
    fn directory_headers_people_write_match() {
        assert_eq!(
            names(
                &[
                    "Party name",
                    "Acronym",
                    "Name in original language",
                    "Country",
                    "Web site"
                ],
                ORG_FIELDS
            ),
            [
                Some("name"),
                Some("acronym"),
                Some("native_name"),
                Some("country"),
                Some("website")
            ]
        );
        for (header, field) in [
            ("Organisation name", "name"),
            ("Organization Name", "name"),
            ("Name of party", "name"),
            ("Abbreviation", "acronym"),
            ("Short name", "acronym"),
            ("Original name", "native_name"),
            ("Native name", "native_name"),
            ("URL", "website"),
            ("نام حزب", "name"),
            ("نام اختصاری", "acronym"),
            ("نام به زبان اصلی", "native_name"),
            ("وب‌سایت", "website"),
            ("سازمان‌ها", "name"),
        ] {
            let mut h = vec![header, "Country"];
            if field != "name" {
                h.push("Name");
            }
            assert_eq!(names(&h, ORG_FIELDS)[0], Some(field), "{header}");
        }
    }

    #[test]
    fn an_english_name_column_makes_the_plain_one_native() {
        // ParlGov's view_party.csv.
        let got = names(
            &[
                "country_name_short",
                "country_name",
                "party_name_short",
                "party_name_english",
                "party_name",
                "party_name_ascii",
            ],
            ORG_FIELDS,
        );
        assert_eq!(
            got,
            [
                Some("country_code"),
                Some("country"),
                Some("acronym"),
                Some("name"),
                Some("native_name"),
                None
            ]
        );
        assert_eq!(
            names(&["Party name", "Country", "نام"], ORG_FIELDS),
            [Some("name"), Some("country"), Some("native_name")]
        );
        // A country code column alone is enough.
        assert_eq!(names(&["Party", "ISO"], ORG_FIELDS)[1], Some("country_code"));
    }

    #[test]
    fn what_liaison_writes_comes_back_in() {
        // `org list` table headers, and the Persian report's labels.
        assert_eq!(
            names(
                &[
                    "handle",
                    "name",
                    "native name",
                    "country",
                    "kind",
                    "status",
                    "last contact",
                    "tags"
                ],
                ORG_FIELDS
            ),
            [
                Some("handle"),
                Some("name"),
                Some("native_name"),
                Some("country"),
                Some("kind"),
                Some("status"),
                None,
                Some("tags")
            ]
        );
        let h: Vec<String> = ["سازمان", "کشور", "منطقه", "آخرین تماس", "وضعیت"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let m = map("f.csv", &h, ORG_FIELDS, &[]).unwrap();
        assert!(m.unknown.is_empty(), "{:?}", m.unknown);
        // The report's follow-up and people tables.
        assert_eq!(
            names(&["پیگیری", "مهلت", "انجام"], TASK_FIELDS),
            [Some("title"), Some("due"), Some("done_on")]
        );
        assert_eq!(
            names(&["فرد", "تلفن", "پیام‌رسان"], PERSON_FIELDS),
            [Some("name"), Some("phone"), Some("messaging")]
        );
    }

    #[test]
    fn missing_required_columns_are_named() {
        let h = vec!["Name".to_string()];
        let err = map("f.csv", &h, ORG_FIELDS, &[]).err().unwrap();
        assert_eq!(err.message, "f.csv: no column for country");
    }

    #[test]
    fn maps_override_and_ignore() {
        let h = vec!["Partei".to_string(), "Land".to_string(), "Name".to_string()];
        let maps = vec![
            ("Partei".to_string(), "name".to_string()),
            ("Land".into(), "country".into()),
            ("Name".into(), "-".into()),
        ];
        let m = map("f.csv", &h, ORG_FIELDS, &maps).unwrap();
        assert_eq!(m.columns, [Some(2), Some(6), None]);
        assert!(m.unknown.is_empty());
    }
}
