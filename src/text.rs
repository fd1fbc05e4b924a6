//! Small text helpers shared by the parsers (never used on the evaluate path).

/// Whether `input`, trimmed of ASCII whitespace, equals `label` ignoring ASCII case: the rule for
/// ids and labels of flows, areas, levels and flags.
pub(crate) fn eq_label(input: &str, label: &str) -> bool {
    input
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .eq_ignore_ascii_case(label)
}

/// Displays a list of accepted ids, comma-separated, for error messages.
pub(crate) struct OneOf<const N: usize>(pub(crate) [&'static str; N]);

impl<const N: usize> core::fmt::Display for OneOf<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(id)?;
        }
        Ok(())
    }
}
