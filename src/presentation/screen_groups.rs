//! Screens that take the same steps, under one heading: the text report's way to stay short
//! when an agent holds many roles that need the same thing.

use alloc::vec::Vec;
use core::fmt;

use crate::model::Step;
use crate::presentation::{Record, Screen};

/// The screens that take the same steps, and the steps.
pub(crate) type Group<'a> = (Vec<Screen<'a>>, Vec<Step>);

/// `groups` (one screen each, as [`Plan::by_screen`](crate::Plan::by_screen) gives them) with
/// consecutive role screens that take the same steps merged into one group. Linear.
pub(crate) fn merged<'a>(groups: Vec<(Screen<'a>, Vec<Step>)>) -> Vec<Group<'a>> {
    let mut out: Vec<Group<'a>> = Vec::new();
    for (screen, steps) in groups {
        if let Some((screens, last_steps)) = out.last_mut() {
            let alike = |other: &Screen<'_>| {
                matches!(other.record(), Record::Role(_))
                    && matches!(screen.record(), Record::Role(_))
                    && other.path() == screen.path()
                    && other.tab() == screen.tab()
                    && other.product() == screen.product()
            };
            if *last_steps == steps && alike(&screens[0]) {
                screens.push(screen);
                continue;
            }
        }
        out.push((alloc::vec![screen], steps));
    }
    out
}

/// The heading of a group: the screen, or for several roles the roles by name (the first
/// [`MAX_LINES`](crate::MAX_LINES), then a count) and "each".
pub(crate) struct Heading<'a, 'b>(pub(crate) &'b [Screen<'a>]);

impl fmt::Display for Heading<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [first, rest @ ..] = self.0 else {
            return Ok(());
        };
        if rest.is_empty() {
            return write!(f, "{first}");
        }
        write!(f, "{}: ", first.product().name())?;
        for segment in first.path() {
            write!(f, "{segment} > ")?;
        }
        f.write_str("each of the roles ")?;
        for (i, screen) in self.0.iter().take(crate::common::MAX_LINES).enumerate() {
            if let Record::Role(name) = screen.record() {
                let sep = if i == 0 { "" } else { ", " };
                write!(f, "{sep}\"{}\"", crate::common::text::Shown(name))?;
            }
        }
        if self.0.len() > crate::common::MAX_LINES {
            write!(f, " and {} more", self.0.len() - crate::common::MAX_LINES)?;
        }
        if let Some(tab) = first.tab() {
            write!(f, " > {tab}")?;
        }
        Ok(())
    }
}
