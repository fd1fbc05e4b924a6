//! Labels as people type them, suggestions for near misses, and input shown safely in errors.
//! (Input layer: never used on the evaluate path.)
//!
//! Ids and labels of flows, areas, levels and flags match ignoring case, punctuation, spacing
//! and the word "and": `Read, Create, Modify, Delete`, `read create modify delete` and
//! `read-create-modify-delete` are the same label. Scope names are not labels: they are
//! case-sensitive OAuth tokens, matched exactly.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The words of a label: runs of alphanumerics, without the word "and".
fn words(s: &str) -> impl Iterator<Item = &str> + Clone {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !word.eq_ignore_ascii_case("and"))
}

/// The characters that decide whether two labels match (ASCII case folded; labels are ASCII).
fn key(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    words(s).flat_map(|word| word.chars().map(|c| c.to_ascii_lowercase()))
}

/// Every alphanumeric character of `s`, ASCII case folded: the key with the word "and" kept.
fn letters(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
}

/// The longest input (in bytes) that may still match a label: labels are at most about 40
/// characters, so this leaves room for any spacing and punctuation people type.
const LABEL_MAX: usize = 256;

/// Whether `input` is `label`, ignoring ASCII case, punctuation, spacing and the word "and".
pub(crate) fn eq_label(input: &str, label: &str) -> bool {
    // No label is near this long, even spaced out: do not scan a huge input word by word.
    if input.len() > LABEL_MAX {
        return false;
    }
    // The common case first: the id or label as written.
    input.eq_ignore_ascii_case(label)
        || key(input).eq(key(label))
        || letters(input).eq(letters(label))
}

/// Whether `input` holds the word `label` (ASCII case and punctuation ignored): `Datagate API
/// Role` and `DATAGATE-integration` hold `datagate`.
pub(crate) fn contains_label(input: &str, label: &str) -> bool {
    let letters: String = letters(input).collect();
    letters.contains(label)
}

/// [`eq_label`], also accepting the singular of a plural label and the plural of a singular one
/// (`Invoice` for `Invoices`, `Sales Order` for `Sales Orders`).
pub(crate) fn eq_label_or_number(input: &str, label: &str) -> bool {
    if input.len() > LABEL_MAX {
        return false;
    }
    eq_label(input, label)
        || key(input).chain(Some('s')).eq(key(label))
        || key(input).eq(key(label).chain(Some('s')))
}

/// `s` without a trailing `suffix` (ASCII case ignored, whitespace around it trimmed): `Clients
/// Access Level` without `access level` is `Clients`.
pub(crate) fn strip_suffix_words<'a>(s: &'a str, suffix: &str) -> &'a str {
    let trimmed = s.trim_matches(|c: char| c.is_ascii_whitespace());
    match trimmed.len().checked_sub(suffix.len()) {
        Some(cut)
            if trimmed.is_char_boundary(cut) && trimmed[cut..].eq_ignore_ascii_case(suffix) =>
        {
            &trimmed[..cut]
        }
        _ => trimmed,
    }
}

/// The edit distance between two strings of characters: insertions, deletions, substitutions
/// and transpositions of neighbours each count one (optimal string alignment).
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows: Vec<usize> = (0..width * (a.len() + 1)).collect();
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        rows[at(i, 0)] = i;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[at(i - 1, j - 1)] + cost)
                .min(rows[at(i, j - 1)] + 1)
                .min(rows[at(i - 1, j)] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[at(i - 2, j - 2)] + 1);
            }
            rows[at(i, j)] = best;
        }
    }
    rows[at(a.len(), b.len())]
}

/// How far a near miss may be from what it meant: one edit, or one in five characters.
fn close_enough(distance: usize, len: usize) -> bool {
    distance > 0 && distance <= 1.max(len / 5)
}

/// The candidate closest to `input` as labels (see [`eq_label`]), when it is close enough to be
/// what was meant: the first of the closest, in the order given.
pub(crate) fn suggest_label<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    if input.len() > SUGGEST_MAX {
        return None;
    }
    // Compare with and without the word "and", which a typo may have merged into a word.
    let all_words = |s: &str| -> Vec<char> { letters(s).collect() };
    let typed: Vec<char> = key(input).collect();
    let with_and = closest(&all_words(input), candidates.clone(), all_words);
    let without_and = closest(&typed, candidates, |c| key(c).collect());
    match (with_and, without_and) {
        (Some((d1, c1)), Some((d2, c2))) => Some(if d2 <= d1 { c2 } else { c1 }),
        (one, other) => one.or(other).map(|(_, c)| c),
    }
}

/// Inputs longer than this (in bytes) get no suggestion: no label is that long, and the edit
/// distance costs the product of the lengths.
const SUGGEST_MAX: usize = 100;

/// The candidate closest to `input` compared character by character, ignoring ASCII case: for
/// scope names.
pub(crate) fn suggest_exact<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if input.len() > SUGGEST_MAX {
        return None;
    }
    let lower = |s: &str| {
        s.chars()
            .map(|c| c.to_ascii_lowercase())
            .collect::<Vec<char>>()
    };
    closest(&lower(input), candidates, lower).map(|(_, candidate)| candidate)
}

/// The closest candidate with its distance, when close enough.
fn closest<'a>(
    typed: &[char],
    candidates: impl IntoIterator<Item = &'a str>,
    key: impl Fn(&str) -> Vec<char>,
) -> Option<(usize, &'a str)> {
    // Past this length the input is not a typo of any name here, and would only cost time.
    if typed.is_empty() || typed.len() > 80 {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let known = key(candidate);
        let len = typed.len().max(known.len());
        // The distance is at least the difference in length: too far, without computing it.
        if !close_enough(typed.len().abs_diff(known.len()).max(1), len) {
            continue;
        }
        let d = distance(typed, &known);
        if close_enough(d, len) && best.map_or(true, |(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best
}

/// Shows text from the input in a message: control characters escaped, and cut after
/// [`Shown::MAX`] characters with a note of the full length, so that an error never writes
/// terminal escapes or a huge token.
pub(crate) struct Shown<'a>(pub(crate) &'a str);

impl Shown<'_> {
    /// The most characters of the input a message shows.
    pub(crate) const MAX: usize = 60;
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.0.chars().enumerate() {
            if i == Self::MAX {
                return write!(f, "... ({} bytes in all)", self.0.len());
            }
            write_escaped(f, c)?;
        }
        Ok(())
    }
}

/// People's text (a role's name) in full, with control, bidi and zero-width characters escaped:
/// for headings, where the whole name is what a person must find on screen.
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.chars().try_for_each(|c| write_escaped(f, c))
    }
}

/// `c`, escaped when it hides itself ([`is_hidden`](crate::is_hidden)).
fn write_escaped(f: &mut fmt::Formatter<'_>, c: char) -> fmt::Result {
    if crate::common::hidden::is_hidden(c) {
        write!(f, "{}", c.escape_unicode())
    } else {
        write!(f, "{c}")
    }
}

/// Displays a list, comma-separated, each item in backticks: for error messages.
pub(crate) struct OneOf<I>(pub(crate) I);

impl<'a, I: Iterator<Item = &'a str> + Clone> fmt::Display for OneOf<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.clone().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{item}`")?;
        }
        Ok(())
    }
}

/// The " (did you mean `...`?)" part of a message, when there is a suggestion.
pub(crate) struct DidYouMean(pub(crate) Option<&'static str>);

impl fmt::Display for DidYouMean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(known) => write!(f, " (did you mean `{known}`?)"),
            None => Ok(()),
        }
    }
}

/// `text` with every ASCII comma and semicolon turned into a space: a grant file's scope string
/// may use any of them.
#[cfg(feature = "serde")]
pub(crate) fn commas_to_spaces(text: &str) -> String {
    text.replace([',', ';'], " ")
}

/// Whether `input` names the same words as `label` in any order (`Read, Modify and Create` is
/// `Read, Create and Modify`), ASCII case and the word "and" ignored.
pub(crate) fn same_words(input: &str, label: &str) -> bool {
    if input.len() > SUGGEST_MAX {
        return false;
    }
    let sorted = |s: &str| {
        let mut words: Vec<String> = words(s).map(|w| w.to_ascii_lowercase()).collect();
        words.sort();
        words
    };
    sorted(input) == sorted(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_ignore_case_punctuation_spacing_and_and() {
        assert!(eq_label(
            "Read, Create, Modify, Delete",
            "Read, Create, Modify and Delete"
        ));
        assert!(eq_label(
            "read create modify delete",
            "read-create-modify-delete"
        ));
        assert!(eq_label(
            " CALENDARS & appointments ",
            "Calendars and Appointments"
        ));
        assert!(!eq_label("Read Modify Create", "Read, Create and Modify"));
        assert!(!eq_label("", "Read"));
        assert!(eq_label_or_number("Invoice", "Invoices"));
        assert!(eq_label_or_number("sales order", "Sales Orders"));
    }

    #[test]
    fn suggestions_are_close_and_first_of_the_closest() {
        assert_eq!(
            suggest_label("Clinets", ["Tickets", "Clients"]),
            Some("Clients")
        );
        assert_eq!(suggest_label("zzzzzz", ["Tickets", "Clients"]), None);
        assert_eq!(
            suggest_exact("read:item", ["read:items", "edit:items"]),
            Some("read:items")
        );
        assert_eq!(suggest_exact("read:items", ["read:items"]), None);
        assert_eq!(suggest_exact("read:widgets", ["read:tickets"]), None);
        assert_eq!(distance(&['a', 'b'], &['b', 'a']), 1);
    }

    #[test]
    fn shown_input_is_escaped_and_cut() {
        assert_eq!(alloc::format!("{}", Shown("a\u{1b}[31mb")), "a\\u{1b}[31mb");
        let long = "x".repeat(1000);
        let shown = alloc::format!("{}", Shown(&long));
        assert!(shown.ends_with("... (1000 bytes in all)"), "{shown}");
        assert!(shown.len() < 100);
    }
}

/// Whether two names (of a role, say) are the same name: compared after trimming, folding every
/// run of Unicode whitespace (a no-break space too) into one space, and folding case (Unicode),
/// so that `"Finance "`, `"finance"` and `"Finance\u{a0}"` are one role.
///
/// Allocation-free: both names are walked once, character by character.
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// The key under which [`same_name`] names are equal: trimmed, whitespace runs one space, case
/// folded.
pub(crate) fn name_key(name: &str) -> String {
    folded(name).collect()
}

/// `name` trimmed, each run of whitespace one space, lowercased (Unicode).
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    let mut space = false;
    name.trim()
        .chars()
        .filter_map(move |c| {
            if c.is_whitespace() {
                let first = !space;
                space = true;
                first.then_some(' ')
            } else {
                space = false;
                Some(c)
            }
        })
        .flat_map(char::to_lowercase)
}

#[cfg(test)]
mod same_name_tests {
    use super::same_name;

    #[test]
    fn one_role_in_every_spelling() {
        for spelling in [
            "Finance",
            "finance",
            "FINANCE",
            " Finance ",
            "Finance\u{a0}",
            "\u{2003}Finance\t",
        ] {
            assert!(same_name("Finance", spelling), "{spelling:?}");
        }
        assert!(same_name("Service  Desk", "service\u{a0}desk"));
        assert!(!same_name("Finance", "Finances"));
        assert!(!same_name("Service Desk", "ServiceDesk"));
        assert!(!same_name("", "x"));
    }
}

/// The most characters of a name read from input that the crate keeps and shows: an agent's or a
/// role's name, a role's id, a scope or an area this crate does not model, a claim's type and
/// value, a call's path. A longer name is cut here, when it is read, with a visible marker that
/// says how many characters were cut (`…[123 more characters]`), so that every answer (text,
/// JSON, HTML, notes) shows the same cut name and a pasted file can never flood a terminal, a
/// log line or a support ticket. Two names equal in their first characters are then one name.
///
/// ```
/// use halopsa_privileges::{Grant, Source, MAX_NAME_CHARS};
///
/// let long = "R".repeat(5_000);
/// let role = Source::role_grant(long, Grant::unknown());
/// let name = role.name().unwrap();
/// assert!(name.starts_with(&"R".repeat(MAX_NAME_CHARS)));
/// assert!(name.ends_with("…[4900 more characters]"));
/// ```
pub const MAX_NAME_CHARS: usize = 100;

/// The most characters of free text read from input (a grant file's `notes`) that the crate
/// keeps and shows; longer text is cut as [`MAX_NAME_CHARS`] says.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// `text` cut after `max` characters, with a marker saying how many were cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some((at, _)) => {
            let more = text[at..].chars().count();
            alloc::format!("{}…[{more} more characters]", &text[..at])
        }
    }
}

/// A name read from input, cut after [`MAX_NAME_CHARS`].
pub(crate) fn clip_name(text: &str) -> String {
    clip(text, MAX_NAME_CHARS)
}

/// The most lines of one kind an answer lists (what could not be read, what is not modelled,
/// notes); further lines are counted in one last line.
pub const MAX_LINES: usize = 20;

/// `lines`, each distinct line once (with `(×N)` when it came N times), in the order first
/// seen, at most [`MAX_LINES`] of them and then `and N more (M in all)`: a list in an answer
/// stays short whatever the input holds. Linear in the lines.
#[cfg_attr(not(feature = "serde"), allow(dead_code))]
pub(crate) fn capped<S: AsRef<str>>(lines: &[S]) -> Vec<String> {
    let mut counts: alloc::collections::BTreeMap<&str, usize> = Default::default();
    let mut order: Vec<&str> = Vec::new();
    for line in lines {
        let count = counts.entry(line.as_ref()).or_insert(0);
        if *count == 0 {
            order.push(line.as_ref());
        }
        *count += 1;
    }
    let mut out: Vec<String> = order
        .iter()
        .take(MAX_LINES)
        .map(|line| match counts[line] {
            1 => String::from(*line),
            n => alloc::format!("{line} (\u{d7}{n})"),
        })
        .collect();
    if order.len() > MAX_LINES {
        out.push(alloc::format!(
            "and {} more ({} in all)",
            order.len() - MAX_LINES,
            lines.len()
        ));
    }
    out
}
