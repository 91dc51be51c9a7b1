//! Validation of the small fields many records share: lengths, e-mail
//! addresses, web sites, language codes, tags, handles.

use crate::error::{Error, Result};
use crate::text;

/// Longest single-line field (names, roles, handles of messaging apps).
pub const MAX_LINE: usize = 300;
/// Longest free text (notes, summaries).
pub const MAX_TEXT: usize = 100_000;

/// Cleans a one-line field and checks its length.
pub fn line(field: &str, value: &str) -> Result<String> {
    let v = text::clean(value);
    if v.contains(['\n', '\r']) {
        return Err(Error::user(format!("{field} must be on one line")));
    }
    check_len(field, &v, MAX_LINE)?;
    Ok(v)
}

/// Like [`line`] for an item of a list (an alias, a messaging handle): CSV
/// joins lists with `;`, so an item cannot contain one.
pub fn item(field: &str, value: &str) -> Result<String> {
    let v = line(field, value)?;
    if v.contains(';') {
        return Err(
            Error::user(format!("{field} {} contains `;`", text::quoted(&v))).hint(format!(
                "lists are separated by `;`: give each {field} on its own"
            )),
        );
    }
    Ok(v)
}

/// Like [`line`] for optional fields: empty text means none.
pub fn opt_line(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(|v| line(field, v)).transpose()? {
        Some(v) if v.is_empty() => Ok(None),
        other => Ok(other),
    }
}

/// Cleans free text (notes) and checks its length; empty means none.
pub fn opt_text(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(v) = value else { return Ok(None) };
    let v = text::clean(v);
    check_len(field, &v, MAX_TEXT)?;
    Ok(if v.is_empty() { None } else { Some(v) })
}

fn check_len(field: &str, v: &str, max: usize) -> Result<()> {
    let n = v.chars().count();
    if n > max {
        return Err(
            Error::user(format!("{field} is too long ({n} characters; at most {max})"))
                .hint("shorten it, or put the detail in the notes"),
        );
    }
    Ok(())
}

/// Checks an e-mail address loosely: one `@`, something before it, a domain
/// with a dot after it, no spaces.
pub fn email(value: &str) -> Result<String> {
    let v = value.trim();
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if !ok || v.len() > MAX_LINE {
        return Err(Error::user(format!("invalid e-mail address {}", text::quoted(v)))
            .hint("write it as name@example.org"));
    }
    Ok(v.to_string())
}

/// Checks a web address; `kke.gr` is taken as `https://kke.gr`.
pub fn website(value: &str) -> Result<String> {
    let v = value.trim();
    let with_scheme = if v.contains("://") {
        v.to_string()
    } else {
        format!("https://{v}")
    };
    match url::Url::parse(&with_scheme) {
        Ok(u)
            if matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| h.contains('.'))
                && v.len() <= MAX_LINE =>
        {
            Ok(with_scheme)
        }
        _ => Err(Error::user(format!("invalid web address {}", text::quoted(v)))
            .hint("write it as https://example.org")),
    }
}

/// Checks a language code (ISO 639 `en`, `fa`, `ckb`, optionally with a
/// region or script, `pt-BR`, `sr-Latn`) and returns it in canonical case.
pub fn language(value: &str) -> Result<String> {
    let v = value.trim().replace('_', "-");
    let mut parts = v.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic());
    let rest: Vec<&str> = parts.collect();
    let rest_ok = rest
        .iter()
        .all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !primary_ok || !rest_ok {
        return Err(
            Error::user(format!("invalid language code {}", text::quoted(value.trim())))
                .hint("use ISO 639 codes such as en, fa, ar, ckb, el, pt-BR"),
        );
    }
    let mut out = primary.to_ascii_lowercase();
    for p in rest {
        out.push('-');
        match p.len() {
            2 => out.push_str(&p.to_ascii_uppercase()),
            4 => {
                let mut cs = p.chars();
                if let Some(first) = cs.next() {
                    out.push(first.to_ascii_uppercase());
                }
                out.push_str(&cs.as_str().to_ascii_lowercase());
            }
            _ => out.push_str(&p.to_ascii_lowercase()),
        }
    }
    Ok(out)
}

/// Splits list values given either as repeated flags or as one cell
/// separated by `;` or `,` (as spreadsheets write them), dropping blanks and
/// repeats while keeping order.
pub fn split_list(values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        for part in v.split([';', ',']) {
            let p = part.trim();
            if !p.is_empty() && !out.iter().any(|o| o == p) {
                out.push(p.to_string());
            }
        }
    }
    out
}

/// Validates a list of language codes.
pub fn languages(values: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for v in split_list(values) {
        let code = language(&v)?;
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// Tags are short words: folded for comparison, stored in lower case.
pub fn tag(value: &str) -> Result<String> {
    let v = text::clean(value).to_lowercase();
    if v.is_empty()
        || v.chars().count() > 40
        || v.chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == ';')
    {
        return Err(Error::user(format!("invalid tag {}", text::quoted(value.trim())))
            .hint("tags are single words of at most 40 characters, such as neighbour or mandate-3"));
    }
    Ok(v)
}

/// Validates a list of tags.
pub fn tags(values: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for v in split_list(values) {
        let t = tag(&v)?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

/// The longest handle accepted.
pub const MAX_HANDLE: usize = 24;

/// Checks a handle typed by a user: lower-case ASCII letters, digits and
/// inner hyphens, starting with a letter.
pub fn handle(value: &str) -> Result<String> {
    let v = value.trim().to_ascii_lowercase();
    if !is_handle(&v) {
        return Err(Error::user(format!("invalid handle {}", text::quoted(value.trim()))).hint(format!(
            "a handle is 1 to {MAX_HANDLE} lower-case ASCII letters, digits or hyphens, starting with a letter, e.g. kke or pcp"
        )));
    }
    Ok(v)
}

/// Whether `v` is a well-formed handle as it is (lower case, trimmed).
pub fn is_handle(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= MAX_HANDLE
        && v.starts_with(|c: char| c.is_ascii_lowercase())
        && !v.ends_with('-')
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Words left out of a generated acronym.
const SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "de", "da", "do", "dos", "das", "del", "la", "le", "les", "el", "des",
    "du", "di", "y", "e", "et", "und", "der", "van", "von", "al",
];

/// Words that say what kind of organisation it is rather than which one:
/// a name that has one other word besides them and its country is known by
/// that word (`Tudeh Party of Iran` → `tudeh`).
const GENERIC_WORDS: &[&str] = &[
    "party",
    "parti",
    "partido",
    "partei",
    "partito",
    "partij",
    "partia",
    "partiet",
    "partiya",
    "komma",
    "kommunistiko",
    "communist",
    "communista",
    "comunista",
    "communiste",
    "kommunistische",
    "kommunistiske",
    "socialist",
    "socialista",
    "socialiste",
    "workers",
    "worker",
    "working",
    "labour",
    "labor",
    "people",
    "peoples",
    "popular",
    "democratic",
    "democracy",
    "progressive",
    "revolutionary",
    "united",
    "unity",
    "union",
    "front",
    "movement",
    "league",
    "alliance",
    "organisation",
    "organization",
    "left",
    "new",
    "national",
    "federation",
    "congress",
];

/// An acronym as a handle: `KKE` → `kke`, `PCE|IU` → `pce-iu`, `KSČM` →
/// `kscm`; `None` when nothing usable is left (`99%`).
pub fn handle_from_acronym(acronym: &str) -> Option<String> {
    let h = text::ascii_words(acronym).join("-");
    let h: String = h.chars().take(MAX_HANDLE - 3).collect();
    let h = h.trim_end_matches('-').to_string();
    is_handle(&h).then_some(h)
}

/// Whether a name is written as an acronym: 2 to 6 capital letters (any
/// script), e.g. `KKE`, `AKEL`, `ΚΚΕ`.
pub fn is_acronym(name: &str) -> bool {
    let n = name.trim();
    let count = n.chars().count();
    (2..=6).contains(&count) && n.chars().all(|c| c.is_uppercase())
}

/// Proposes a handle from a name and its country's name: for a name that
/// says its country, the one word that is neither generic nor the country
/// when there is exactly one (`Tudeh Party of Iran` → `tudeh`), otherwise
/// [`handle_from_name`] (`Lebanese Communist Party` → `lcp`).
pub fn handle_from_name_in(name: &str, country_name: &str) -> String {
    let country = text::ascii_words(country_name);
    let words = text::ascii_words(name);
    let distinctive: Vec<&String> = words
        .iter()
        .filter(|w| {
            !SMALL_WORDS.contains(&w.as_str()) && !GENERIC_WORDS.contains(&w.as_str()) && !country.contains(w)
        })
        .collect();
    let says_country = words.iter().any(|w| country.contains(w));
    match distinctive.as_slice() {
        [one]
            if says_country
                && one.len() >= 3
                && words.len() >= 2
                && is_handle(one)
                && one.len() <= MAX_HANDLE - 3 =>
        {
            one.to_string()
        }
        _ => handle_from_name(name),
    }
}

/// Proposes a short handle from a name: the initials of a name of three or
/// more words (`Partido Comunista Português` → `pcp`), otherwise the words
/// joined by hyphens, transliterated to ASCII. The caller makes it unique.
pub fn handle_from_name(name: &str) -> String {
    let words = text::ascii_words(name);
    let significant: Vec<&String> = words
        .iter()
        .filter(|w| !SMALL_WORDS.contains(&w.as_str()))
        .collect();
    let base = if significant.len() >= 3 {
        significant
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
    } else {
        let mut s = String::new();
        for w in &significant {
            if !s.is_empty() {
                s.push('-');
            }
            s.push_str(w);
            if s.len() >= 16 {
                break;
            }
        }
        s
    };
    let mut base: String = base.chars().take(MAX_HANDLE - 3).collect();
    while base.ends_with('-') {
        base.pop();
    }
    if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
        base.insert(0, 'o');
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_from_acronyms_and_distinctive_words() {
        assert_eq!(handle_from_acronym("KKE").as_deref(), Some("kke"));
        assert_eq!(handle_from_acronym("KSČM").as_deref(), Some("kscm"));
        assert_eq!(handle_from_acronym("PCE|IU").as_deref(), Some("pce-iu"));
        assert_eq!(handle_from_acronym("99%"), None);
        assert!(is_acronym("AKEL") && is_acronym("ΚΚΕ") && !is_acronym("Akel") && !is_acronym("K"));
        assert_eq!(handle_from_name_in("Tudeh Party of Iran", "Iran"), "tudeh");
        assert_eq!(handle_from_name_in("Communist Party of Greece", "Greece"), "cpg");
        assert_eq!(handle_from_name_in("Sinn Fein", "Ireland"), "sinn-fein");
        assert_eq!(handle_from_name_in("Lebanese Communist Party", "Lebanon"), "lcp");
    }

    #[test]
    fn emails() {
        assert_eq!(email(" intl@kke.gr ").unwrap(), "intl@kke.gr");
        for bad in [
            "intl",
            "intl@",
            "@kke.gr",
            "a b@kke.gr",
            "a@kke",
            "a@@kke.gr",
            "a@kke.gr.",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn websites() {
        assert_eq!(website("https://www.kke.gr").unwrap(), "https://www.kke.gr");
        assert_eq!(website("kke.gr").unwrap(), "https://kke.gr");
        assert!(website("not a url").is_err());
        assert!(website("ftp://kke.gr").is_err());
        assert!(website("javascript:alert(1)").is_err());
    }

    #[test]
    fn language_codes() {
        assert_eq!(language("EN").unwrap(), "en");
        assert_eq!(language("ckb").unwrap(), "ckb");
        assert_eq!(language("pt_br").unwrap(), "pt-BR");
        assert_eq!(language("sr-latn").unwrap(), "sr-Latn");
        assert!(language("english").is_err());
        assert!(language("e").is_err());
        assert_eq!(languages(&["el;en".into(), "en".into()]).unwrap(), ["el", "en"]);
    }

    #[test]
    fn handles() {
        assert_eq!(handle("KKE").unwrap(), "kke");
        assert!(handle("1kke").is_err());
        assert!(handle("k k e").is_err());
        assert!(handle("kke-").is_err());
        assert!(handle(&"a".repeat(25)).is_err());
        assert_eq!(handle_from_name("Partido Comunista Português"), "pcp");
        assert_eq!(handle_from_name("Communist Party of Greece"), "cpg");
        assert_eq!(handle_from_name("Tudeh Party"), "tudeh-party");
        assert_eq!(handle_from_name("Komala"), "komala");
        let persian = handle_from_name("حزب توده ایران");
        assert!(handle(&persian).is_ok(), "{persian}");
        let digits = handle_from_name("1st of May Movement");
        assert!(handle(&digits).is_ok(), "{digits}");
    }

    #[test]
    fn lengths_are_checked() {
        assert!(
            line("name", &"x".repeat(MAX_LINE + 1))
                .unwrap_err()
                .message
                .contains("too long")
        );
        assert!(line("name", "two\nlines").is_err());
        assert_eq!(opt_line("role", Some("  ")).unwrap(), None);
    }

    #[test]
    fn tags_are_words() {
        assert_eq!(
            tags(&["Neighbour; mandate-3".into()]).unwrap(),
            ["neighbour", "mandate-3"]
        );
        assert!(tag("two words").is_err());
    }
}
