//! Reading an [`Item`] back from the wording the crate prints (and the looser forms people
//! type). The type itself is in the model (`src/model/item.rs`).

use core::str::FromStr;

use crate::common::error::ParseError;
use crate::common::text::eq_label;
use crate::model::{AgentFlags, Item, Scopes};

impl FromStr for Item {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim_matches(|c: char| c.is_ascii_whitespace());
        if text.is_empty() {
            return Err(ParseError::UnknownItem(s.into()));
        }
        // A setting: `...= Yes` or `... = No`.
        if let Some((setting, value)) = text.rsplit_once('=') {
            let on = if eq_label(value, "yes") {
                true
            } else if eq_label(value, "no") {
                false
            } else {
                return Err(ParseError::UnknownItem(s.into()));
            };
            return Ok(Item::Flag(AgentFlags::from_flag(setting)?, on));
        }
        // A scope: one token, with or without the word `scope` before it.
        let token = text.strip_prefix("scope ").unwrap_or(text);
        if !token.contains(|c: char| c.is_ascii_whitespace()) {
            return match Scopes::parse_token(token)? {
                Some(scope) => Ok(Item::Scope(scope)),
                None => Err(ParseError::UnknownItem(s.into())),
            };
        }
        // An access level: `Area Access Level: Level` (or `Area: Level`).
        match text.split_once(':') {
            Some((area, level)) => Ok(Item::Access(area.parse()?, level.parse()?)),
            None => Err(ParseError::UnknownItem(s.into())),
        }
    }
}
