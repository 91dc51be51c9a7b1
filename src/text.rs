//! Folding text for matching and sorting, and making it safe to print.
//!
//! Names are stored exactly as given (NFC). Matching and sorting use a
//! *folded key* built by [`fold`], so that `كمونيست` finds `کمونیست` and
//! `Portugues` finds `Português` (see `data.md`).

use unicode_normalization::UnicodeNormalization;

mod fold;
pub use fold::fold;
#[cfg(test)]
use {
    fold::{fold_arabic_script, is_invisible, map_letter},
    unicode_normalization::char::canonical_combining_class,
};

/// Normalises text for storage: Unicode NFC, surrounding white space trimmed.
pub fn clean(s: &str) -> String {
    let t = s.trim();
    if unicode_normalization::is_nfc_quick(t.chars()) == unicode_normalization::IsNormalized::Yes {
        t.to_string()
    } else {
        t.nfc().collect()
    }
}

/// Whether `s` has a letter that folds to another since folding learnt
/// Turkish, Kurdish and Central Asian letters: a search entry made before
/// must be made again.
pub fn has_newly_folded_letters(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(
            c,
            'ı' | 'ێ'
                | 'ە'
                | 'ھ'
                | 'ۆ'
                | 'ڵ'
                | 'ڕ'
                | 'ҳ'
                | 'ҷ'
                | 'қ'
                | 'ғ'
                | 'ң'
                | 'ө'
                | 'ү'
                | 'ұ'
                | 'ә'
                | 'і'
                | 'Ҳ'
                | 'Ҷ'
                | 'Қ'
                | 'Ғ'
                | 'Ң'
                | 'Ө'
                | 'Ү'
                | 'Ұ'
                | 'Ә'
                | 'І'
        )
    })
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

/// How many characters of a value a message shows.
pub const SHOWN_CHARS: usize = 80;

/// A value as a message shows it: whole when short, else its first
/// [`SHOWN_CHARS`] characters and `…`; with its length in characters when
/// it was cut. A hostile file's 50 MB cell must not become a 50 MB line.
pub fn clipped(s: &str) -> (std::borrow::Cow<'_, str>, Option<usize>) {
    match s.char_indices().nth(SHOWN_CHARS) {
        None => (std::borrow::Cow::Borrowed(s), None),
        Some((end, _)) => (
            std::borrow::Cow::Owned(format!("{}…", &s[..end])),
            Some(s.chars().count()),
        ),
    }
}

/// Text for one table cell: its first line, with ` …` when more lines
/// follow, so that a table never hides that there is more to read.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    let mut lines = s.trim().lines();
    let first = lines.next().unwrap_or_default().trim_end();
    if lines.any(|l| !l.trim().is_empty()) {
        std::borrow::Cow::Owned(format!("{first} …"))
    } else if first.len() == s.len() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(first.to_string())
    }
}

/// A count with its noun in the right number: `1 day`, `3 days`.
pub fn plural<N: std::fmt::Display + Copy + TryInto<i64>>(n: N, one: &str, many: &str) -> String {
    let word = if n.try_into().ok() == Some(1) { one } else { many };
    format!("{n} {word}")
}

/// A value quoted for a message: `` `KKE` ``, or for a long one
/// `` `Communist…` (2,000,000 characters) ``.
pub fn quoted(s: &str) -> String {
    match clipped(s) {
        (shown, None) => format!("`{shown}`"),
        (shown, Some(n)) => format!("`{shown}` ({} characters)", grouped(n as u64)),
    }
}

/// `1234567` as `1,234,567`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
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

/// The longest key worth comparing with names. Edit distance takes time
/// proportional to the product of the lengths, and names are at most
/// [`crate::model::fields::MAX_LINE`] characters: a key more than twice as
/// long is less than half like any of them, so it has no close names and
/// a megabyte-long cell costs nothing to refuse.
pub const MAX_COMPARED: usize = 2 * crate::model::fields::MAX_LINE;

/// Whether `key` is short enough to be compared with names at all.
pub fn comparable(key: &str) -> bool {
    key.chars().nth(MAX_COMPARED).is_none()
}

/// Up to three distinct records whose folded names are most like `key`
/// (at least half alike), best first.
pub fn closest<T: PartialEq>(names: impl IntoIterator<Item = (String, T)>, key: &str) -> Vec<T> {
    if !comparable(key) {
        return Vec::new();
    }
    let mut scored: Vec<(f64, T)> = names
        .into_iter()
        .map(|(k, r)| (similarity(&k, key), r))
        .filter(|(s, _)| *s >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<T> = Vec::new();
    for (_, r) in scored {
        if !out.contains(&r) {
            out.push(r);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// How alike two folded names are, from 0 to 1: the better of the whole
/// names compared and the query compared with the same-length start.
pub fn similarity(name: &str, key: &str) -> f64 {
    let whole = strsim::normalized_levenshtein(name, key);
    let prefix: String = name.chars().take(key.chars().count()).collect();
    whole.max(strsim::normalized_levenshtein(&prefix, key) * 0.9)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_cell_of_several_lines_is_marked() {
        assert_eq!(one_line("one line"), "one line");
        assert_eq!(one_line("first\nsecond"), "first …");
        assert_eq!(one_line("only\n\n"), "only");
        assert_eq!(one_line("\nlate start\r\nmore"), "late start …");
    }

    #[test]
    fn counts_carry_their_noun_in_the_right_number() {
        assert_eq!(plural(1, "day", "days"), "1 day");
        assert_eq!(plural(0usize, "day", "days"), "0 days");
        assert_eq!(plural(2i64, "name", "names"), "2 names");
    }

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
    fn turkish_dotless_i_folds_to_i() {
        assert_eq!(fold("Halkın"), "halkin");
        assert_eq!(fold("HALKIN"), fold("Halkın"));
        assert_eq!(fold("Aydın"), "aydin");
        assert_eq!(fold("İŞÇİ"), "isci");
        assert_eq!(fold("ılım"), "ilim");
    }

    #[test]
    fn kurdish_letters_fold_to_persian_bases() {
        assert_eq!(fold("كۆمهڵهی"), "کومهلهی");
        assert_eq!(fold("کۆمەڵە"), "کومهله");
        assert_eq!(fold("کوردستان"), "کوردستان");
        assert_eq!(fold("ڕێکخراو"), "ریکخراو");
        assert_eq!(fold("ھەولێر"), "ههولیر");
        assert_eq!(fold("کۆمەڵە"), fold("کومه\u{200C}له"));
    }

    #[test]
    fn central_asian_cyrillic_folds_to_russian_bases() {
        assert_eq!(fold("Раҳимов"), "рахимов");
        assert_eq!(fold("Ҷумҳурии Тоҷикистон"), "чумхурии точикистон");
        assert_eq!(fold("қазақ"), "казак");
        assert_eq!(fold("ғ ң ө ү ә і ӣ ӯ"), "г н о у а и и у");
        assert_eq!(fold("ҲҶҚҒ"), "хчкг");
    }

    #[test]
    fn hebrew_points_and_greek_accents_go() {
        assert_eq!(fold("שָׁלוֹם"), "שלום");
        assert_eq!(fold("מִפְלֶגֶת"), "מפלגת");
        assert_eq!(fold("Κόμμα Ελλάδας"), "κομμα ελλαδασ");
        assert_eq!(fold("ΐ ϋ"), "ι υ");
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
        assert_eq!(fold("한국어 ＫＫＥ"), "한국어 kke");
        assert_eq!(fold("ﬁ Ǆ"), "fi dz");
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        for s in [
            "  Communist   Party\tof Greece ",
            "KKE",
            "a\u{0b}b",
            "PCP (Portugal)",
        ] {
            let slow: String = {
                let folded = caseless::default_case_fold_str(s);
                folded.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            assert_eq!(fold(s), slow, "{s:?}");
        }
    }

    /// The key the general path makes of `s`.
    fn full_fold(s: &str) -> String {
        use caseless::Caseless;
        let chars = s.chars().map(|c| if c == 'ۀ' { 'ه' } else { c });
        let mut out = String::new();
        for c in chars.nfkd().default_case_fold().nfd() {
            if canonical_combining_class(c) != 0 || is_invisible(c) {
                continue;
            }
            out.push(map_letter(c));
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_arabic_script_path_agrees_with_the_full_one() {
        for s in [
            "گزارش اعتصاب کارگران نفت",
            "الحزب الشيوعي العراقي ٢٠٢٦",
            "كمونيست ۱۴۰۵",
            "حزبی شیوعی کوردستان",
            "ZWNJ می‌خواهم",
            "تَوْدِه",
            "آزادی أحمد إيران",
        ] {
            let fast = fold_arabic_script(s).expect(s);
            assert_eq!(fast, full_fold(s), "{s}");
        }
        // Every character the short path takes, alone and after a letter.
        let mut taken = 0;
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            for s in [c.to_string(), format!("A{c}b")] {
                if let Some(fast) = fold_arabic_script(&s) {
                    assert_eq!(fast, full_fold(&s), "U+{:04X}", c as u32);
                    taken += 1;
                }
            }
        }
        assert!(taken > 2 * 300, "{taken}");
        assert_eq!(
            fold_arabic_script("مؤتمر"),
            None,
            "other hamza forms take the full path"
        );
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

    proptest::proptest! {
        /// Folding never panics and a folded key folds to itself.
        #[test]
        fn fold_is_stable(s in "\\PC{0,40}") {
            let once = fold(&s);
            proptest::prop_assert_eq!(fold(&once), once.clone());
            let _ = printable(&s, true);
        }
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

    #[test]
    fn closest_prefers_the_most_alike() {
        let names = vec![
            (fold("حزب کمونیست کردستان"), "ckp"),
            (fold("Communist Party of Greece"), "kke"),
            (fold("حزب توده ایران"), "tudeh"),
        ];
        assert_eq!(closest(names.clone(), &fold("حزب كمونيست كردستان عراق")), ["ckp"]);
        assert_eq!(closest(names, &fold("communist party of grece")), ["kke"]);
    }

    #[test]
    fn long_values_are_clipped_in_messages() {
        assert_eq!(quoted("KKE"), "`KKE`");
        let exact = "ک".repeat(SHOWN_CHARS);
        assert_eq!(quoted(&exact), format!("`{exact}`"));
        let long = format!("{}{}", "ک".repeat(SHOWN_CHARS), "x".repeat(1_999_920));
        assert_eq!(
            quoted(&long),
            format!("`{}…` (2,000,000 characters)", "ک".repeat(SHOWN_CHARS))
        );
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(36_500), "36,500");
        assert_eq!(grouped(2_000_000), "2,000,000");
    }
}
