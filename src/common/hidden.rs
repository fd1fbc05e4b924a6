//! [`is_hidden`]: the characters that change what a terminal or a browser shows without showing
//! themselves, by Unicode's own sets.

/// Bidi_Control (Unicode's `PropList.txt`) and Default_Ignorable_Code_Point
/// (`DerivedCoreProperties.txt`), Unicode 16.0, merged into ranges (every Bidi_Control character
/// is also Default_Ignorable). `tests/hidden.rs` checks the table against ICU4X's
/// `icu_properties` for every code point.
const IGNORABLE: [(u32, u32); 17] = [
    (0x00AD, 0x00AD),   // SOFT HYPHEN
    (0x034F, 0x034F),   // COMBINING GRAPHEME JOINER
    (0x061C, 0x061C),   // ARABIC LETTER MARK (Bidi_Control)
    (0x115F, 0x1160),   // HANGUL CHOSEONG FILLER, JUNGSEONG FILLER
    (0x17B4, 0x17B5),   // KHMER VOWEL INHERENT AQ, AA
    (0x180B, 0x180F),   // MONGOLIAN FREE VARIATION SELECTORS, VOWEL SEPARATOR
    (0x200B, 0x200F),   // ZERO WIDTH SPACE .. RIGHT-TO-LEFT MARK (200E, 200F Bidi_Control)
    (0x202A, 0x202E),   // LEFT-TO-RIGHT EMBEDDING .. RIGHT-TO-LEFT OVERRIDE (Bidi_Control)
    (0x2060, 0x206F),   // WORD JOINER .. NOMINAL DIGIT SHAPES (2066..2069 Bidi_Control)
    (0x3164, 0x3164),   // HANGUL FILLER
    (0xFE00, 0xFE0F),   // VARIATION SELECTOR-1 .. 16
    (0xFEFF, 0xFEFF),   // ZERO WIDTH NO-BREAK SPACE (byte order mark)
    (0xFFA0, 0xFFA0),   // HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFF8),   // reserved
    (0x1BCA0, 0x1BCA3), // SHORTHAND FORMAT LETTER OVERLAP .. UP STEP
    (0x1D173, 0x1D17A), // MUSICAL SYMBOL BEGIN BEAM .. END PHRASE
    (0xE0000, 0xE0FFF), // TAGS, VARIATION SELECTOR-17 .. 256, reserved
];

/// Whether `c` changes what a terminal or a browser shows without showing itself: a control
/// character (C0, DEL, C1), a line or paragraph separator (U+2028, U+2029), or a character of
/// Unicode's Bidi_Control or Default_Ignorable_Code_Point sets (bidi controls such as U+061C
/// ARABIC LETTER MARK and U+202E, zero-width characters, the byte order mark, variation
/// selectors, tags). Every answer of the crate shows such a character escaped (`\u{202e}`); a
/// tool that prints people's text should too.
///
/// ```
/// use halopsa_privileges::is_hidden;
///
/// assert!(is_hidden('\u{202E}') && is_hidden('\u{061C}') && is_hidden('\u{1b}'));
/// assert!(is_hidden('\u{E0041}')); // TAG LATIN CAPITAL LETTER A
/// assert!(!is_hidden('a') && !is_hidden('é') && !is_hidden('漢'));
/// ```
pub fn is_hidden(c: char) -> bool {
    let code = c as u32;
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}')
        || IGNORABLE
            .binary_search_by(|&(low, high)| {
                if high < code {
                    core::cmp::Ordering::Less
                } else if low > code {
                    core::cmp::Ordering::Greater
                } else {
                    core::cmp::Ordering::Equal
                }
            })
            .is_ok()
}
