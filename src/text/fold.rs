//! The folded key of a name or text, by which everything is matched and
//! sorted. Its own file, so that the build can fold the country names it
//! writes into a table with the very same rules (see `build.rs`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// Builds the folded key of `s`: case folded, NFKC, marks (accents, Arabic
/// harakat, Greek accents, Hebrew points) removed, tatweel and zero-width
/// joiners removed, Arabic and Kurdish letter variants mapped to the
/// Persian ones, Turkish dotless `ı` to `i`, Central Asian Cyrillic letters
/// to their Russian bases, Persian and Arabic-Indic digits to ASCII, and
/// runs of white space collapsed to one space.
pub fn fold(s: &str) -> String {
    use caseless::Caseless;
    if s.is_ascii() {
        return fold_ascii(s);
    }
    if let Some(simple) = fold_arabic_script(s) {
        return simple;
    }
    // One pass without intermediate strings: compatibility decomposition,
    // case folding, decomposition again (folding may compose), then marks
    // and invisible characters dropped and Arabic letters mapped.
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut hangul = false;
    // `ۀ` decomposes to `ە` + hamza; map it first so it folds to `ه`.
    let chars = s.chars().map(|c| if c == 'ۀ' { 'ه' } else { c });
    for c in chars.nfkd().default_case_fold().nfd() {
        if canonical_combining_class(c) != 0 || is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        hangul |= ('\u{1100}'..='\u{11FF}').contains(&c);
        out.push(map_letter(c));
    }
    // Only Hangul syllables need composing again; marks are gone.
    if hangul { out.nfc().collect() } else { out }
}

/// The key for text in ASCII and plain Arabic-script letters (most
/// Persian and Arabic notes), which need no normalisation or case folding:
/// `None` when some character needs the full path.
pub(crate) fn fold_arabic_script(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let plain = c.is_ascii()
            // Alef with madda or hamza: their marks go, as `map_letter` says.
            || matches!(c, '\u{0621}'..='\u{0623}' | '\u{0625}' | '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0660}'..='\u{0669}')
            // Not U+0675..U+0678, which decompose to a letter and a hamza.
            || matches!(c, '\u{066E}'..='\u{0674}' | '\u{0679}'..='\u{06BF}' | '\u{06C1}' | '\u{06C3}'..='\u{06D2}' | '\u{06D5}' | '\u{06F0}'..='\u{06F9}')
            || matches!(c, '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066C}');
        let mark = matches!(
            c,
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}' | '\u{200D}'
        );
        if !plain && !mark {
            return None;
        }
        if mark {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(map_letter(c.to_ascii_lowercase()));
    }
    Some(out)
}

/// The same key for ASCII text, where folding is lower-casing: most
/// names, notes and summaries in Latin script take this path.
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// Characters that change nothing a reader would match on.
pub(crate) fn is_invisible(c: char) -> bool {
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

pub(crate) fn map_letter(c: char) -> char {
    match c {
        'ي' | 'ى' | 'ې' | 'ێ' => 'ی',
        'ك' => 'ک',
        'ة' | 'ە' | 'ھ' => 'ه',
        'ۆ' => 'و',
        'ڵ' => 'ل',
        'ڕ' => 'ر',
        // Turkish and Azerbaijani dotless i; `İ` loses its dot as a mark.
        'ı' => 'i',
        // Tajik, Kazakh, Kyrgyz, Uzbek, Bashkir, Tatar, Ukrainian letters.
        'ҳ' => 'х',
        'ҷ' => 'ч',
        'қ' => 'к',
        'ғ' => 'г',
        'ң' => 'н',
        'ө' => 'о',
        'ү' | 'ұ' => 'у',
        'ә' => 'а',
        'і' => 'и',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        '٠'..='٩' => digit(c, '٠'),
        '۰'..='۹' => digit(c, '۰'),
        _ => c,
    }
}

fn digit(c: char, zero: char) -> char {
    char::from_digit(c as u32 - zero as u32, 10).unwrap_or(c)
}
