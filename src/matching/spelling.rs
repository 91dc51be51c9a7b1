//! The Latin spellings of a word written in Greek, Cyrillic, Armenian or
//! another alphabet. Its own file, so that the build can spell the country
//! names it writes into a table with the very same rules (see `build.rs`).

use crate::text::fold;

/// The Latin spellings of one lower-case word: its transliteration, and
/// for Greek and Cyrillic the spellings people write as well (`syriza`
/// for `συριζα`, `elliniki` for `ελληνικη`, `partiya` for `партия`).
pub fn spellings(word: &str) -> Vec<String> {
    let word = fold(word);
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        let s: String = s
            .to_ascii_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    // Armenian `ու` is one vowel, `u`.
    let armenian = word.replace("ու", "u");
    push(deunicode::deunicode(&armenian));
    if word.chars().any(|c| ('\u{0370}'..='\u{03FF}').contains(&c)) {
        push(greek_spelling(&word));
    }
    if word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        let common = word
            .replace('я', "ya")
            .replace('ю', "yu")
            .replace('ё', "yo")
            .replace(['ь', 'ъ'], "");
        push(deunicode::deunicode(&common));
    }
    out
}

/// A folded Greek word as modern Greek is usually written in Latin
/// letters (ELOT 743): `η` and `υ` as `i` and `y`, `ου` as `ou`, `αυ` and
/// `ευ` as `av` and `ev`, `χ` as `ch`.
fn greek_spelling(word: &str) -> String {
    let word = word
        .replace("ου", "ou")
        .replace("αυ", "av")
        .replace("ευ", "ev")
        .replace("γγ", "ng")
        .replace("μπ", "b")
        .replace("ντ", "d");
    let mut out = String::new();
    for c in word.chars() {
        out.push_str(match c {
            'α' => "a",
            'β' => "v",
            'γ' => "g",
            'δ' => "d",
            'ε' => "e",
            'ζ' => "z",
            'η' | 'ι' => "i",
            'θ' => "th",
            'κ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' | 'ω' => "o",
            'π' => "p",
            'ρ' => "r",
            'σ' | 'ς' => "s",
            'τ' => "t",
            'υ' => "y",
            'φ' => "f",
            'χ' => "ch",
            'ψ' => "ps",
            _ => {
                out.push(c);
                continue;
            }
        });
    }
    out
}
