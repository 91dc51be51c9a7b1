//! Countries (ISO 3166-1 alpha-2) and their UN M49 sub-regions.
//!
//! The data comes from the `keshvar` crate, read at build time: `build.rs`
//! writes every country and every spelling of its name in the accepted
//! languages, folded, into sorted static tables. A country can be given as
//! `GR`, `Greece`, `Ελλάδα` or `یونان`, and looking one up costs a
//! bisection, not a pass over keshvar's translations.

use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::text::{fold, quoted};

mod places;

mod table {
    use super::Index;
    include!(concat!(env!("OUT_DIR"), "/countries.rs"));
}

/// A sorted map of names to indexes into the country table, made by
/// `build.rs` of numbers into one string rather than of `&str` and
/// `&[u16]`, which the loader would fix up one by one at every start.
struct Index {
    /// Every name, one after another.
    text: &'static str,
    /// Each name's bytes in `text` and its countries in `found`.
    spans: &'static [(u32, u32, u16, u16)],
    found: &'static [u16],
}

impl Index {
    fn entry(&self, (start, end, first, last): (u32, u32, u16, u16)) -> (&'static str, &'static [u16]) {
        let text: &'static str = self.text;
        let found: &'static [u16] = self.found;
        (
            &text[start as usize..end as usize],
            &found[usize::from(first)..usize::from(last)],
        )
    }

    /// Every name with its countries, in order.
    fn iter(&'static self) -> impl Iterator<Item = (&'static str, &'static [u16])> {
        self.spans.iter().map(|&s| self.entry(s))
    }

    /// The countries `key` names, by bisection.
    fn get(&self, key: &str) -> &'static [u16] {
        self.spans
            .binary_search_by(|&s| self.entry(s).0.cmp(key))
            .map_or(&[], |at| self.entry(self.spans[at]).1)
    }
}

/// One country as liaison shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: String,
    /// English short name.
    pub name: String,
    /// Persian name, for reports in Persian.
    pub name_fa: String,
    /// UN M49 sub-region in English, e.g. `Southern Europe`.
    pub region: String,
}

/// The country at `i` in the table.
fn country(i: usize) -> Country {
    let (code, name, name_fa, region) = table::COUNTRIES[i];
    Country {
        code: code.into(),
        name: name.into(),
        name_fa: name_fa.into(),
        region: region.into(),
    }
}

/// The countries a folded name names: none, one, or several that share it.
fn named(key: &str) -> &'static [u16] {
    table::BY_KEY.get(key)
}

/// The countries a Latin spelling names by their name in another
/// alphabet (`Rossiya`, `Ellada`, `Armeniya`), as search spells names:
/// what a name gives when its exact spelling is not known.
fn spelt(input: &str) -> &'static [u16] {
    let key = fold(input);
    if !key.is_ascii() {
        return &[];
    }
    let words: Vec<String> = key
        .split_whitespace()
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect();
    let key = words.join(" ");
    table::BY_SPELLING.get(&key)
}

/// The countries `input` names: by its folded name, else by Latin spelling.
fn matching(input: &str) -> (String, &'static [u16]) {
    let key = fold(input);
    match named(&key) {
        [] => (key, spelt(input)),
        found => (key, found),
    }
}

/// One country by its alpha-2 code, in any case.
fn by_alpha2(code: &str) -> Option<Country> {
    let code = code.trim();
    if code.len() != 2 {
        return None;
    }
    let code = code.to_ascii_uppercase();
    table::COUNTRIES
        .binary_search_by(|c| c.0.cmp(code.as_str()))
        .ok()
        .map(country)
}

/// Finds a country by its code or by a name in one of the accepted languages.
pub fn resolve(input: &str) -> Result<Country> {
    if input.trim().len() == 2
        && let Some(c) = by_alpha2(input)
    {
        return Ok(c);
    }
    let (key, found) = matching(input);
    let shown = quoted(input.trim());
    match found {
        [i] => Ok(country(usize::from(*i))),
        many @ [first, ..] => {
            let named: Vec<String> = many.iter().map(|i| label(&country(usize::from(*i)))).collect();
            Err(
                Error::user(format!("country {shown} could be {}", or_list(&named))).hint(format!(
                    "give the one you mean by its code, e.g. {}",
                    table::COUNTRIES[usize::from(*first)].0
                )),
            )
        }
        _ => {
            if let Some(place) = places::not_a_state(&key) {
                let states: Vec<String> = place
                    .states
                    .iter()
                    .filter_map(|c| by_alpha2(c))
                    .map(|c| label(&c))
                    .collect();
                return Err(Error::user(format!(
                    "{shown} is not a state: it lies in {}",
                    and_list(&states)
                ))
                .hint(format!(
                    "record the organisation under the state it works in (--country {}) and keep it together with the others from there in a group: --group {}",
                    place.states[0],
                    place.tag
                ))
                .hint(format!(
                    "name the group once with: liaison group add \"{}\" --handle {} (or use a tag: --tag {})",
                    place.names[0], place.tag, place.tag
                )));
            }
            let mut err = Error::user(format!("unknown country {shown}"));
            let close = closest(&key);
            if !close.is_empty() {
                err = err.hint(format!("did you mean {}?", close.join(", ")));
            }
            Err(err.hint("countries are ISO 3166-1 codes (GR, IR, TR) or English or Persian names"))
        }
    }
}

/// The one country with this name in one of the accepted languages,
/// folded as names are (`یونان`, `Ελλάδα`, `Greece`), or spelt in Latin
/// letters (`Ellada`), as [`resolve`] finds it: not by its codes.
pub fn by_name(input: &str) -> Option<Country> {
    let key = fold(input);
    if key.is_ascii() && key.len() <= 3 {
        return None;
    }
    match matching(input).1 {
        [i] => Some(country(usize::from(*i))),
        _ => None,
    }
}

/// `Greece (GR)`.
fn label(c: &Country) -> String {
    format!("{} ({})", c.name, c.code)
}

/// `a, b or c`.
fn or_list(items: &[String]) -> String {
    joined(items, "or")
}

/// `a, b and c`.
fn and_list(items: &[String]) -> String {
    joined(items, "and")
}

fn joined(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// Looks a country up by its alpha-2 code, as stored in the database.
pub fn by_code(code: &str) -> Option<Country> {
    by_alpha2(code)
}

/// Every country liaison knows, in ISO code order.
pub fn all() -> &'static [Country] {
    static ALL: OnceLock<Vec<Country>> = OnceLock::new();
    ALL.get_or_init(|| (0..table::COUNTRIES.len()).map(country).collect())
}

/// All M49 sub-region names, for validating `--region`.
pub fn regions() -> Vec<&'static str> {
    table::REGIONS.to_vec()
}

/// Finds the canonical spelling of a region name given loosely.
pub fn resolve_region(input: &str) -> Result<&'static str> {
    let key = fold(input).replace('-', " ");
    regions()
        .into_iter()
        .find(|r| fold(r).replace('-', " ") == key)
        .ok_or_else(|| {
            Error::user(format!("unknown region {}", quoted(input.trim()))).hint(format!(
                "regions are UN M49 sub-regions: {}",
                regions().join(", ")
            ))
        })
}

/// Up to three countries whose names are closest to `key`, among names in
/// the same script: a Persian name is never "corrected" to a Persian name
/// that merely shares its letters (روسیه is not سوریه).
fn closest(key: &str) -> Vec<String> {
    if !crate::text::comparable(key) {
        return Vec::new();
    }
    let script = script_of(key);
    let mut scored: Vec<(f64, u16)> = table::BY_KEY
        .iter()
        .filter(|(k, _)| script_of(k) == script && k.chars().count() > 2)
        .flat_map(|(k, v)| {
            let score = strsim::normalized_damerau_levenshtein(k, key);
            v.iter().map(move |i| (score, *i))
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, i) in scored {
        let l = label(&country(usize::from(i)));
        if !out.contains(&l) {
            out.push(l);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// The script of a folded name, roughly: Latin, Arabic-script, Greek,
/// Cyrillic or other, from its first letter.
fn script_of(key: &str) -> u8 {
    match key.chars().find(|c| c.is_alphabetic()) {
        Some(c) if c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) => 0,
        Some(c) if ('\u{0600}'..='\u{06FF}').contains(&c) => 1,
        Some(c) if ('\u{0370}'..='\u{03FF}').contains(&c) => 2,
        Some(c) if ('\u{0400}'..='\u{04FF}').contains(&c) => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_in_several_languages_resolve() {
        assert_eq!(resolve("gr").unwrap().code, "GR");
        assert_eq!(resolve("Greece").unwrap().code, "GR");
        assert_eq!(resolve("یونان").unwrap().code, "GR");
        assert_eq!(resolve("عراق").unwrap().code, "IQ");
        assert_eq!(resolve("Iran").unwrap().code, "IR");
        assert_eq!(resolve("Turkey").unwrap().code, "TR");
        assert_eq!(resolve("United Kingdom").unwrap().code, "GB");
        assert_eq!(resolve("Russia").unwrap().code, "RU");
    }

    #[test]
    fn regions_are_m49_subregions() {
        assert_eq!(resolve("GR").unwrap().region, "Southern Europe");
        assert_eq!(resolve("IR").unwrap().region, "Southern Asia");
        assert_eq!(resolve("TR").unwrap().region, "Western Asia");
        assert_eq!(resolve("IQ").unwrap().region, "Western Asia");
        assert_eq!(resolve("SD").unwrap().region, "Northern Africa");
    }

    #[test]
    fn unknown_country_suggests_close_names() {
        let err = resolve("Greese").unwrap_err();
        assert_eq!(err.message, "unknown country `Greese`");
        assert!(err.hints[0].contains("Greece (GR)"), "{:?}", err.hints);
        assert!(resolve("Atlantis").is_err());
    }

    #[test]
    fn names_people_write_resolve() {
        for (name, code) in [
            ("Britain", "GB"),
            ("UK", "GB"),
            ("Czech", "CZ"),
            ("Czech Republic", "CZ"),
            ("DPRK", "KP"),
            ("North Korea", "KP"),
            ("South Korea", "KR"),
            ("Holland", "NL"),
            ("USA", "US"),
            ("روسیه", "RU"),
            ("آمریکا", "US"),
            ("انگلیس", "GB"),
            ("بریتانیا", "GB"),
            ("کره شمالی", "KP"),
            ("جمهوری آذربایجان", "AZ"),
            ("ایالات متحده", "US"),
            ("روسيا", "RU"),
            ("الولايات المتحدة", "US"),
            ("كوريا الشمالية", "KP"),
            ("GBR", "GB"),
            ("CZE", "CZ"),
        ] {
            assert_eq!(
                resolve(name).map(|c| c.code).ok(),
                Some(code.to_string()),
                "{name}"
            );
        }
    }

    #[test]
    fn latin_spellings_of_names_in_other_alphabets_resolve() {
        for (name, code) in [
            ("Rossiya", "RU"),
            ("Rossiia", "RU"),
            ("Ellada", "GR"),
            ("Elláda", "GR"),
            ("Kypros", "CY"),
            ("Gretsiya", "GR"),
            ("Armeniya", "AM"),
        ] {
            assert_eq!(
                resolve(name).map(|c| c.code).ok(),
                Some(code.to_string()),
                "{name}"
            );
            assert_eq!(by_name(name).map(|c| c.code), Some(code.to_string()), "{name}");
        }
        // Both Koreas are Корея: its spelling is refused naming each.
        let err = resolve("Koreya").unwrap_err();
        assert!(
            err.message.contains("(KP)") && err.message.contains("(KR)"),
            "{}",
            err.message
        );
        assert!(by_name("Koreya").is_none());
        // No false friends: a Latin word that spells no name stays unknown.
        assert!(resolve("Atlantida").is_err());
    }

    #[test]
    fn kosovo_is_xk_in_southern_europe() {
        for name in ["Kosovo", "XK", "xk", "کوزوو", "كوسوفو"] {
            let c = resolve(name).unwrap();
            assert_eq!(
                (c.code.as_str(), c.region.as_str()),
                ("XK", "Southern Europe"),
                "{name}"
            );
        }
        assert_eq!(by_code("XK").unwrap().name, "Kosovo");
        assert!(all().iter().any(|c| c.code == "XK"));
    }

    #[test]
    fn names_of_several_countries_are_refused_naming_each() {
        let err = resolve("Korea").unwrap_err();
        assert!(
            err.message.contains("(KP)") && err.message.contains("(KR)"),
            "{}",
            err.message
        );
        let err = resolve("Congo").unwrap_err();
        assert!(
            err.message.contains("(CD)") && err.message.contains("(CG)"),
            "{}",
            err.message
        );
        let err = resolve("Guinea").unwrap_err();
        for code in ["(GN)", "(GW)", "(GQ)"] {
            assert!(err.message.contains(code), "{}", err.message);
        }
        assert!(resolve("کره").is_err());
    }

    #[test]
    fn places_that_are_not_states_name_their_states() {
        let err = resolve("Kurdistan").unwrap_err();
        assert!(err.message.contains("not a state"), "{}", err.message);
        for code in ["(IQ)", "(IR)", "(TR)", "(SY)"] {
            assert!(err.message.contains(code), "{}", err.message);
        }
        assert!(err.hints[0].contains("--group kurdistan"), "{:?}", err.hints);
        assert!(
            err.hints[1].contains("liaison group add \"Kurdistan\" --handle kurdistan"),
            "{:?}",
            err.hints
        );
        let err = resolve("Basque Country").unwrap_err();
        assert!(
            err.message.contains("(ES)") && err.message.contains("(FR)"),
            "{}",
            err.message
        );
    }

    #[test]
    fn typos_get_close_names_in_their_own_script() {
        let err = resolve("Greecce").unwrap_err();
        assert!(err.hints[0].contains("Greece (GR)"), "{:?}", err.hints);
        // One letter off روسیه, never سوریه (Syria).
        let err = resolve("روسیهه").unwrap_err();
        assert!(!err.hints.iter().any(|h| h.contains("Syria")), "{:?}", err.hints);
        assert!(err.hints[0].contains("(RU)"), "{:?}", err.hints);
    }

    #[test]
    fn regions_resolve_loosely() {
        assert_eq!(resolve_region("western asia").unwrap(), "Western Asia");
        assert_eq!(
            resolve_region("south-eastern asia").unwrap(),
            "South-eastern Asia"
        );
        assert!(resolve_region("Middle Earth").is_err());
    }
}
