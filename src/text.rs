//! Folding text for matching and sorting, and making it safe to print.
//!
//! Names are stored exactly as given (NFC). Matching and sorting use a
//! *folded key* built by [`fold`], so that `كمونيست` finds `کمونیست` and
//! `Portugues` finds `Português` (see `data.md`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Normalises text for storage: Unicode NFC, surrounding white space trimmed.
pub fn clean(s: &str) -> String {
    s.trim().nfc().collect()
}

/// Builds the folded key of `s`: case folded, NFKC, marks (accents, Arabic
/// harakat) removed, tatweel and zero-width joiners removed, Arabic letter
/// variants mapped to the Persian ones, Persian and Arabic-Indic digits to
/// ASCII, and runs of white space collapsed to one space.
pub fn fold(s: &str) -> String {
    // `ۀ` decomposes to `ە` + hamza; map it first so it folds to `ه`.
    let premapped: String = s.chars().map(|c| if c == 'ۀ' { 'ه' } else { c }).collect();
    let nfkc: String = premapped.nfkc().collect();
    let folded = caseless::default_case_fold_str(&nfkc);
    let stripped: String = folded
        .nfd()
        .filter(|&c| canonical_combining_class(c) == 0 && !is_invisible(c))
        .map(map_letter)
        .collect();
    let mut out = String::with_capacity(stripped.len());
    for word in stripped.nfc().collect::<String>().split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Characters that change nothing a reader would match on.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{0640}'              // tatweel
        | '\u{00AD}'            // soft hyphen
        | '\u{200B}'..='\u{200F}' // zero-width space, ZWNJ, ZWJ, LRM, RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FEFF}' // byte-order mark
    )
}

fn map_letter(c: char) -> char {
    match c {
        'ي' | 'ى' | 'ې' => 'ی',
        'ك' => 'ک',
        'ة' => 'ه',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        '٠'..='٩' => digit(c, '٠'),
        '۰'..='۹' => digit(c, '۰'),
        _ => c,
    }
}

fn digit(c: char, zero: char) -> char {
    char::from_digit(c as u32 - zero as u32, 10).unwrap_or(c)
}

/// Makes text safe to print on a terminal: control characters, bidi
/// overrides and isolates are shown as `\u{…}` escapes, so a hostile name
/// cannot recolour a table or reorder what the reader sees. Line breaks and
/// tabs are kept only when `multiline` is set.
pub fn printable(s: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let keep = match c {
            '\n' | '\t' => multiline,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => false,
            c => !c.is_control(),
        };
        if keep {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    out
}

/// Turns a name into a short ASCII slug made of lower-case letters, digits
/// and hyphens, transliterating other scripts.
pub fn ascii_words(s: &str) -> Vec<String> {
    deunicode::deunicode(s)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A short excerpt of `original` around the first word that starts with
/// one of the folded `terms`, or `None` when no word does. `radius` words
/// are kept on either side.
pub fn excerpt(original: &str, terms: &[String], radius: usize) -> Option<String> {
    let words: Vec<&str> = original.split_whitespace().collect();
    let pos = words.iter().position(|w| {
        let f = fold(w);
        f.split(|c: char| !c.is_alphanumeric())
            .any(|part| !part.is_empty() && terms.iter().any(|t| part.starts_with(t.as_str())))
    })?;
    let start = pos.saturating_sub(radius);
    let end = (pos + radius + 1).min(words.len());
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    out.push_str(&words[start..end].join(" "));
    if end < words.len() {
        out.push_str(" …");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_yeh_and_kaf_fold_to_persian() {
        assert_eq!(fold("كمونيست"), fold("کمونیست"));
        assert_eq!(fold("كمونيست"), "کمونیست");
        assert_eq!(fold("مصطفى"), "مصطفی");
    }

    #[test]
    fn teh_marbuta_and_hamza_forms_fold() {
        assert_eq!(fold("الطبقة"), "الطبقه");
        assert_eq!(fold("أحمد"), "احمد");
        assert_eq!(fold("إسلام"), "اسلام");
        assert_eq!(fold("آزادی"), "ازادی");
        assert_eq!(fold("تودهٔ"), "توده");
        assert_eq!(fold("خانۀ"), "خانه");
    }

    #[test]
    fn zwnj_and_tatweel_are_removed() {
        assert_eq!(fold("می\u{200C}خواهم"), "میخواهم");
        assert_eq!(fold("كـــمونيست"), "کمونیست");
    }

    #[test]
    fn harakat_are_removed() {
        assert_eq!(fold("الشُّيُوعِيّ"), "الشیوعی");
        assert_eq!(fold("الشيوعي"), "الشیوعی");
    }

    #[test]
    fn accents_and_case_are_ignored() {
        assert_eq!(fold("Partido Comunista Português"), "partido comunista portugues");
        assert_eq!(
            fold("PARTIDO COMUNISTA PORTUGUES"),
            fold("Partido Comunista Português")
        );
        assert_eq!(fold("Κομμουνιστικό Κόμμα Ελλάδας"), "κομμουνιστικο κομμα ελλαδασ");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("DİSK"), "disk");
        assert_eq!(fold("Коммунистическая"), "коммунистическая");
    }

    #[test]
    fn eastern_digits_become_ascii() {
        assert_eq!(fold("۱۴۰۵"), "1405");
        assert_eq!(fold("٢٠٢٦"), "2026");
    }

    #[test]
    fn compatibility_forms_and_spaces_are_normalised() {
        assert_eq!(fold("  ﻛﻤﻮﻧﻴﺴﺖ   party "), "کمونیست party");
        assert_eq!(fold("ｆｕｌｌ"), "full");
    }

    #[test]
    fn clean_keeps_text_but_composes_it() {
        assert_eq!(clean(" Portugue\u{0301}s "), "Portugués");
        assert_eq!(clean("حزب تودهٔ ایران"), "حزب تودهٔ ایران");
    }

    #[test]
    fn printable_escapes_controls_and_bidi_overrides() {
        assert_eq!(printable("a\u{1b}[31mb", false), "a\\u{1b}[31mb");
        assert_eq!(printable("x\u{202E}y", false), "x\\u{202e}y");
        assert_eq!(printable("a\nb", true), "a\nb");
        assert_eq!(printable("a\nb", false), "a\\u{a}b");
        assert_eq!(printable("حزب\u{200C}ها", false), "حزب\u{200C}ها");
    }

    #[test]
    fn excerpts_find_folded_words_in_the_original() {
        let terms = vec![fold("portugues")];
        assert_eq!(
            excerpt("Partido Comunista Português (PCP)", &terms, 1).unwrap(),
            "… Comunista Português (PCP)"
        );
        let terms = vec![fold("كمونيست")];
        assert_eq!(
            excerpt("حزب کمونیست ایران", &terms, 5).unwrap(),
            "حزب کمونیست ایران"
        );
        assert_eq!(excerpt("nothing here", &terms, 5), None);
    }

    #[test]
    fn ascii_words_transliterate() {
        assert_eq!(
            ascii_words("Partido Comunista Português"),
            ["partido", "comunista", "portugues"]
        );
        assert!(!ascii_words("Κομμουνιστικό Κόμμα").is_empty());
        assert!(!ascii_words("حزب توده").is_empty());
    }
}
