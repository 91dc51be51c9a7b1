//! One matcher for names in any script: what `search`, ORG and PERSON
//! arguments, pick lists, imports and country names share.
//!
//! A query matches a name, best first:
//! 1. **exact**: the folded query is the folded name, or each of its
//!    words is a word of it ([`crate::text::fold`]);
//! 2. **prefix**: every folded query word starts a word of the name, or the
//!    folded query is part of the folded name;
//! 3. **lookalike**: the same, after Greek and Cyrillic letters that look
//!    like Latin ones are read as those (`ΚΚΕ` and `KKE`, `СССР` and `CCCP`);
//! 4. **Latin spelling**: the same, comparing Latin spellings made by
//!    transliteration (`Kommounistiko` and `Κομμουνιστικό`, `KPRF` and
//!    `КПРФ`);
//! 5. **close**: for names in Arabic script, whose short vowels are not
//!    written, the consonants alone (`Tudeh` and `توده`, `کردستان` and
//!    `کوردستان`).
//!
//! [`how_matches`] answers for one query and one name; [`Query`] keeps the
//! query's keys to compare with many names. The search index stores each
//! name's Latin and consonant keys ([`latin_key`], [`consonant_key`]), so
//! that the database finds the candidates and this module says how each
//! matched.

use crate::text::fold;

mod spelling;
use spelling::spellings;

/// How a query matched a name, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum How {
    /// The folded query is the folded name, or each of its words is a
    /// word of the name.
    Exact,
    /// Every query word starts a word of the name (or the query is part of it).
    Prefix,
    /// Letters of another script that look the same.
    Lookalike,
    /// The Latin spelling of a Greek, Cyrillic, Armenian… name, or the
    /// name in those scripts of a Latin query.
    Latin,
    /// The same consonants in Arabic script (vowels left out).
    Close,
}

impl How {
    /// What a result shows when it did not match exactly.
    pub fn label(self) -> Option<&'static str> {
        match self {
            How::Exact => None,
            How::Prefix => Some("prefix"),
            How::Lookalike => Some("lookalike"),
            How::Latin => Some("latin spelling"),
            How::Close => Some("close"),
        }
    }
}

/// Whether and how `query` matches `name`: `None` when it does not. The
/// function pick-list filters and anyone else comparing one name call.
pub fn how_matches(query: &str, name: &str) -> Option<How> {
    Query::new(query).against(name)
}

/// A query with its keys made once, to compare with many names.
#[derive(Debug, Clone)]
pub struct Query {
    folded: String,
    words: Vec<String>,
    /// Lookalike spelling of each word (Latin), when one differs.
    shapes: Vec<String>,
    /// Latin spellings of each word (one or more each).
    latin: Vec<Vec<String>>,
    /// Consonant skeleton of each word (empty words dropped).
    consonants: Vec<String>,
    /// Whether the query is written in Arabic script.
    arabic: bool,
}

impl Query {
    pub fn new(query: &str) -> Query {
        let folded = fold(query);
        let words = words(&folded);
        let shapes = words_of(&shape_key(query));
        let latin = latin_of_query(query);
        let consonants = words_of(&consonant_key(query));
        Query {
            arabic: query.chars().any(is_arabic_letter),
            folded,
            words,
            shapes,
            latin,
            consonants,
        }
    }

    /// The folded query.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Whether nothing searchable is left.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the query is written in Arabic script: its consonant
    /// matches are shown only when nothing else matched.
    pub fn is_arabic(&self) -> bool {
        self.arabic
    }

    /// How this query matches `name`, if it does.
    pub fn against(&self, name: &str) -> Option<How> {
        if self.words.is_empty() {
            return None;
        }
        let folded = fold(name);
        let name_words = words(&folded);
        if folded == self.folded || self.words.iter().all(|q| name_words.contains(q)) {
            return Some(How::Exact);
        }
        if prefixes(&self.words, &name_words) || folded.contains(&self.folded) {
            return Some(How::Prefix);
        }
        let name_shapes = words_of(&shape_key(name));
        let mut name_latin = words_of(&latin_key(name));
        name_latin.extend(name_words.iter().cloned());
        if prefixes(&self.shapes, &name_words) || prefixes(&self.words, &name_shapes) {
            return Some(How::Lookalike);
        }
        if !self.latin.is_empty()
            && self.latin.iter().all(|alts| {
                alts.iter()
                    .any(|a| name_latin.iter().any(|n| n.starts_with(a.as_str())))
            })
        {
            return Some(How::Latin);
        }
        let name_consonants = words_of(&consonant_key_of_names(name));
        if consonants_match(&self.consonants, &name_consonants) {
            return Some(How::Close);
        }
        None
    }

    /// The FTS5 query for the exact and prefix stage, over the column of
    /// folded text: every word, as the start of a word.
    pub fn fts_exact(&self) -> Option<String> {
        phrase_group(&self.words.iter().map(|w| vec![w.clone()]).collect::<Vec<_>>())
            .map(|q| format!("text : ({q})"))
    }

    /// The FTS5 query for lookalikes and Latin spellings: the query's
    /// Latin and lookalike spellings against the folded text and the
    /// names' Latin keys, and its own words against those keys.
    pub fn fts_latin(&self) -> Option<String> {
        let mut groups = Vec::new();
        let single = |words: &[String]| words.iter().map(|w| vec![w.clone()]).collect::<Vec<_>>();
        for alternatives in [self.latin.clone(), single(&self.shapes), single(&self.words)] {
            if let Some(q) = phrase_group(&alternatives) {
                let q = format!("{{text latin}} : ({q})");
                if !groups.contains(&q) {
                    groups.push(q);
                }
            }
        }
        (!groups.is_empty()).then(|| groups.join(" OR "))
    }

    /// The FTS5 query for consonant matches: whole consonant words, the
    /// last one also as the start of a word when it has three or more.
    pub fn fts_consonants(&self) -> Option<String> {
        if self.consonants.iter().map(String::len).sum::<usize>() < 2 {
            return None;
        }
        let n = self.consonants.len();
        let parts: Vec<String> = self
            .consonants
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i + 1 == n && w.len() >= 3 {
                    format!("\"{w}\"*")
                } else {
                    format!("\"{w}\"")
                }
            })
            .collect();
        Some(format!("sound : ({})", parts.join(" ")))
    }
}

/// `"a"* "b"*`: every word as the start of a word; `None` when empty.
fn phrase_group(words: &[Vec<String>]) -> Option<String> {
    let parts: Vec<String> = words
        .iter()
        .filter(|alts| !alts.is_empty())
        .map(|alts| {
            let alts: Vec<String> = alts
                .iter()
                .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
                .collect();
            if alts.len() > 1 {
                format!("({})", alts.join(" OR "))
            } else {
                alts.join(" OR ")
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Whether every query word starts some word of the name.
fn prefixes(query: &[String], name: &[String]) -> bool {
    !query.is_empty()
        && query
            .iter()
            .all(|q| name.iter().any(|n| n.starts_with(q.as_str())))
}

/// Whether every consonant word of the query is a consonant word of the
/// name (the last may start one when it has three consonants or more).
fn consonants_match(query: &[String], name: &[String]) -> bool {
    if query.iter().map(String::len).sum::<usize>() < 2 || name.is_empty() {
        return false;
    }
    let n = query.len();
    query.iter().enumerate().all(|(i, q)| {
        name.iter()
            .any(|w| w == q || (i + 1 == n && q.len() >= 3 && w.starts_with(q.as_str())))
    })
}

/// The words of folded text: runs of letters and digits.
fn words(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn words_of(key: &str) -> Vec<String> {
    key.split_whitespace().map(str::to_string).collect()
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D5}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The Latin key of a name, as the search index stores it: the Latin
/// spellings (lower case, ASCII) of each word not written in Latin or
/// Arabic script, and the lookalike spelling of each Greek or Cyrillic
/// word whose letters all look Latin; words space separated, each once.
/// Empty for names in Latin and Arabic script.
pub fn latin_key(name: &str) -> String {
    let folded = fold(name);
    let mut out: Vec<String> = Vec::new();
    let mut keep = |part: String| {
        if !part.is_empty() && !out.contains(&part) && !folded.split_whitespace().any(|f| f == part) {
            out.push(part);
        }
    };
    for w in foreign_words(name) {
        spellings(&w).into_iter().for_each(&mut keep);
    }
    words_of(&shape_key(name)).into_iter().for_each(&mut keep);
    out.join(" ")
}

/// The words of `text` in lower case, cut at what is neither a letter nor
/// a digit, that are written neither in ASCII nor in Arabic script.
fn foreign_words(text: &str) -> Vec<String> {
    crate::text::clean(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && !is_mark(c))
        .filter(|w| !w.is_empty() && !w.is_ascii() && !w.chars().any(is_arabic_letter))
        .map(str::to_string)
        .collect()
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
}

/// The Latin spellings of each word of a query: ASCII words as they are
/// (folded), others transliterated, words in Arabic script left out.
fn latin_of_query(query: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let lower = crate::text::clean(query).to_lowercase();
    for w in lower.split(|c: char| !c.is_alphanumeric() && !is_mark(c)) {
        if w.is_empty() || w.chars().any(is_arabic_letter) {
            continue;
        }
        let alts = if w.is_ascii() {
            vec![w.to_string()]
        } else {
            spellings(w)
        };
        if !alts.is_empty() {
            out.push(alts);
        }
    }
    out
}

/// Greek and Cyrillic letters drawn like Latin ones, capital and small
/// (a subset of Unicode's confusables, UTS #39, for these scripts).
fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'Α' | 'А' => 'A',
        'Β' | 'В' => 'B',
        'Ε' | 'Е' => 'E',
        'Ζ' => 'Z',
        'Η' | 'Н' => 'H',
        'Ι' | 'І' | 'Ӏ' => 'I',
        'Ϳ' | 'Ј' => 'J',
        'Κ' | 'К' => 'K',
        'Μ' | 'М' => 'M',
        'Ν' => 'N',
        'Ο' | 'О' => 'O',
        'Ρ' | 'Р' => 'P',
        'Ѕ' => 'S',
        'Τ' | 'Т' => 'T',
        'Υ' | 'Ү' => 'Y',
        'Χ' | 'Х' => 'X',
        'С' | 'Ϲ' => 'C',
        'Ԛ' => 'Q',
        'Ԝ' => 'W',
        'а' | 'α' => 'a',
        'е' => 'e',
        'і' | 'ι' => 'i',
        'ј' | 'ϳ' => 'j',
        'ο' | 'о' => 'o',
        'р' | 'ρ' => 'p',
        'с' | 'ϲ' => 'c',
        'ѕ' => 's',
        'у' | 'γ' => 'y',
        'х' | 'χ' => 'x',
        'ν' => 'v',
        'κ' | 'к' => 'k',
        'һ' => 'h',
        'ԛ' => 'q',
        'ԝ' => 'w',
        _ => return None,
    })
}

/// The lookalike spelling of each word of `text` that has Greek or
/// Cyrillic letters, all of which look like Latin ones; words space
/// separated, folded. Other words are left out.
pub fn shape_key(text: &str) -> String {
    let mut out = Vec::new();
    for w in text.split_whitespace() {
        let mut foreign = false;
        let mut all = true;
        let shaped: String = w
            .chars()
            .map(|c| match lookalike(c) {
                Some(l) => {
                    foreign = true;
                    l
                }
                None => {
                    if matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{052F}' | '\u{1F00}'..='\u{1FFF}') {
                        all = false;
                    }
                    c
                }
            })
            .collect();
        if foreign && all {
            out.extend(words(&fold(&shaped)));
        }
    }
    out.join(" ")
}

/// The consonant key of the Arabic-script words of a name, as the search
/// index stores it: see [`consonant_key`]. Empty for other names.
pub fn consonant_key_of_names(name: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in name.split_whitespace() {
        if w.chars().any(is_arabic_letter) {
            let key = consonant_key(w);
            for k in key.split_whitespace() {
                if !out.iter().any(|o| o == k) {
                    out.push(k.to_string());
                }
            }
        }
    }
    out.join(" ")
}

/// The consonants of each word of `text`, in classes shared by Latin and
/// Arabic script (`Tudeh`, `Toudeh` and `توده` are all `td`): vowels and
/// the letters that often write them (`ا و ی ع ه ح`, `v w y h`), and
/// doubled letters left out; `sh`, `kh`, `ch`, `gh`, `zh` read as one
/// letter each. A leading Arabic article (`ال`, `al-`) is dropped.
pub fn consonant_key(text: &str) -> String {
    // Kurdish `ە` and a Persian `ه` before a zero-width non-joiner write a
    // vowel: they go before folding makes them `ه`.
    let text = text.replace('ە', "ا").replace("ه\u{200C}", "ا");
    let folded = fold(&text);
    let mut out = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        let key = if w.chars().any(is_arabic_letter) {
            arabic_consonants(w)
        } else if matches!(w, "al" | "el" | "ul") {
            String::new()
        } else {
            latin_consonants(&latin_with_digraphs(w))
        };
        if !key.is_empty() {
            out.push(key);
        }
    }
    out.join(" ")
}

/// Latin letters with their own consonant (`ş` is `sh`, `ç` is `ch`),
/// then transliterated to ASCII.
fn latin_with_digraphs(w: &str) -> String {
    let mut s = String::new();
    for c in w.chars() {
        match c {
            'ş' | 'š' => s.push_str("sh"),
            'ç' | 'č' => s.push_str("ch"),
            'ž' => s.push_str("zh"),
            'ğ' => s.push_str("gh"),
            _ => s.push(c),
        }
    }
    deunicode::deunicode(&s).to_ascii_lowercase()
}

fn latin_consonants(w: &str) -> String {
    let b = w.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied();
        let (class, used) = match (b[i], next) {
            (b'k', Some(b'h')) => (Some('x'), 2),
            (b's', Some(b'h')) => (Some('w'), 2),
            (b'c', Some(b'h')) => (Some('c'), 2),
            (b'z', Some(b'h')) => (Some('j'), 2),
            (b'g', Some(b'h')) => (Some('q'), 2),
            (b't', Some(b'h')) => (Some('s'), 2),
            (b'd', Some(b'h')) => (Some('z'), 2),
            (b'p', Some(b'h')) => (Some('f'), 2),
            (b'd', Some(b'j')) => (Some('j'), 2),
            (
                c @ (b'b' | b'p' | b't' | b's' | b'j' | b'x' | b'd' | b'z' | b'r' | b'q' | b'f' | b'k' | b'g'
                | b'l' | b'm' | b'n'),
                _,
            ) => (Some(c as char), 1),
            (b'c', _) => (Some('k'), 1),
            _ => (None, 1),
        };
        if let Some(c) = class
            && !out.ends_with(c)
        {
            out.push(c);
        }
        i += used;
    }
    out
}

fn arabic_consonants(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    let start = if chars.len() > 3 && chars[0] == 'ا' && chars[1] == 'ل' {
        2
    } else {
        0
    };
    let mut out = String::new();
    for &c in chars.iter().skip(start) {
        let class = match c {
            'ب' => Some('b'),
            'پ' => Some('p'),
            'ت' | 'ط' => Some('t'),
            'ث' | 'س' | 'ص' => Some('s'),
            'ج' | 'ژ' => Some('j'),
            'چ' => Some('c'),
            'خ' => Some('x'),
            'د' => Some('d'),
            'ذ' | 'ز' | 'ض' | 'ظ' => Some('z'),
            'ر' => Some('r'),
            'ش' => Some('w'),
            'غ' | 'ق' => Some('q'),
            'ف' => Some('f'),
            'ک' => Some('k'),
            'گ' => Some('g'),
            'ل' => Some('l'),
            'م' => Some('m'),
            'ن' => Some('n'),
            _ => None,
        };
        if let Some(c) = class
            && !out.ends_with(c)
        {
            out.push(c);
        }
    }
    out
}

/// Makes the keys callable from SQL, for the schema upgrade that fills
/// the search index: `liaison_fold(text)`, `liaison_latin(names)` and
/// `liaison_sound(names)`.
pub fn register_functions(conn: &rusqlite::Connection) -> crate::error::Result<()> {
    use crate::error::Context;
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    for (name, f) in [
        ("liaison_fold", fold as fn(&str) -> String),
        ("liaison_latin", latin_key),
        ("liaison_sound", consonant_key_of_names),
    ] {
        conn.create_scalar_function(name, 1, flags, move |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(f(text.as_deref().unwrap_or("")))
        })
        .context("preparing the search index")?;
    }
    conn.create_scalar_function("liaison_newly_folded", 1, flags, |ctx| {
        let text: Option<String> = ctx.get(0)?;
        Ok(text.as_deref().is_some_and(crate::text::has_newly_folded_letters))
    })
    .context("preparing the search index")?;
    Ok(())
}

#[cfg(test)]
mod tests;
