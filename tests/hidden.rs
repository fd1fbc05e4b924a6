//! The crate's table of hidden characters is Unicode's own: Bidi_Control and
//! Default_Ignorable_Code_Point in full (ICU4X's compiled data), with control characters and
//! the line and paragraph separators, for every code point.

use halopsa_privileges::is_hidden;
use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint};
use icu_properties::CodePointSetData;

#[test]
fn the_table_is_unicodes_own_sets() {
    let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
    let bidi = CodePointSetData::new::<BidiControl>();
    let mut checked = 0;
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let expected = ignorable.contains(c)
            || bidi.contains(c)
            || c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}');
        assert_eq!(is_hidden(c), expected, "U+{:04X}", c as u32);
        checked += 1;
    }
    assert_eq!(checked, 0x110000 - 0x800);
}

#[test]
fn every_output_escapes_them() {
    use halopsa_privileges::{Grant, Source};
    let role = Source::role_grant("Fin\u{061C}ance\u{E0041}\u{00AD}", Grant::unknown());
    let text = halopsa_privileges::GrantFile::from_source_grants(Grant::unknown(), vec![role]);
    let report = halopsa_privileges::required_for(halopsa_privileges::Flows::all())
        .evaluate_grant(&text.grant());
    let plan = halopsa_privileges::Plan::new(report, Some(&text)).to_string();
    assert!(!plan.chars().any(|c| c != '\n' && is_hidden(c)), "{plan}");
    assert!(plan.contains("Fin\\u{61c}ance\\u{e0041}\\u{ad}"), "{plan}");
}
