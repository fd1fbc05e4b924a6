//! `Serialize` and `Deserialize` for the id types and sets: ids are written as ids
//! (`customers-sync`, `clients`, `read`), scopes as the canonical OAuth scope string. Reading
//! goes through the same `FromStr` as text, so a bad value is an error that names it.

use alloc::string::String;
use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

use crate::model::{AccessLevel, Action, AgentFlags, Area, Flow, Flows, Layer, Scopes, Verdict};

/// Reads a string and parses it with `FromStr`, reporting the parse error as the serde error.
struct ParseVisitor<T>(&'static str, PhantomData<T>);

impl<T> Visitor<'_> for ParseVisitor<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

pub(crate) fn parse_str<'de, D, T>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    deserializer.deserialize_str(ParseVisitor(expecting, PhantomData))
}

/// Implements `Serialize` as `id()` and `Deserialize` through `FromStr` for an id-named enum.
macro_rules! by_id {
    ($($ty:ty => $expecting:literal),* $(,)?) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                parse_str(deserializer, $expecting)
            }
        }
    )*};
}

by_id! {
    Flow => "a flow id such as `customers-sync`",
    Area => "an area id such as `clients`",
    AccessLevel => "an access level id or label such as `read`",
}

/// A set type written as a JSON array of ids, read from an array (or a comma-separated string).
macro_rules! id_set {
    ($ty:ty, $item:ty, $iter:ident, $id:expr, $from_item:expr, $expecting:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut seq = serializer.serialize_seq(Some(self.$iter().count()))?;
                for item in self.$iter() {
                    seq.serialize_element($id(item))?;
                }
                seq.end()
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct SetVisitor;

                impl<'de> Visitor<'de> for SetVisitor {
                    type Value = $ty;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$ty, E> {
                        v.parse().map_err(E::custom)
                    }

                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$ty, A::Error> {
                        let mut set = <$ty>::empty();
                        while let Some(text) = seq.next_element::<String>()? {
                            let item: $item = $from_item(&text).map_err(de::Error::custom)?;
                            set |= <$ty>::from(item);
                        }
                        Ok(set)
                    }
                }

                deserializer.deserialize_any(SetVisitor)
            }
        }
    };
}

id_set!(
    Flows,
    Flow,
    flows,
    Flow::id,
    Flow::from_str,
    "an array of flow ids"
);
id_set!(
    AgentFlags,
    AgentFlags,
    flags,
    |flag: AgentFlags| flag.id().unwrap_or_default(),
    AgentFlags::from_flag,
    "an array of agent flag ids"
);

impl Serialize for Scopes {
    /// The canonical OAuth scope string, e.g. `"read:customers read:items"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Scopes {
    /// A whitespace-separated scope string, or an array of scope strings; strict.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScopesVisitor;

        impl<'de> Visitor<'de> for ScopesVisitor {
            type Value = Scopes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a scope string such as \"read:customers read:items\", or an array of scopes",
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scopes, E> {
                v.parse().map_err(E::custom)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scopes, A::Error> {
                let mut scopes = Scopes::empty();
                while let Some(token) = seq.next_element::<String>()? {
                    if token
                        .trim_matches(|c: char| c.is_ascii_whitespace())
                        .is_empty()
                    {
                        return Err(de::Error::custom(alloc::format!(
                            "empty scope `{}` in the array of scopes",
                            crate::common::text::Shown(&token)
                        )));
                    }
                    let parsed = token.parse::<Scopes>().map_err(de::Error::custom)?;
                    if token.split_ascii_whitespace().nth(1).is_some() {
                        return Err(de::Error::custom(alloc::format!(
                            "array item `{}` holds more than one scope",
                            crate::common::text::Shown(&token)
                        )));
                    }
                    scopes |= parsed;
                }
                Ok(scopes)
            }
        }

        deserializer.deserialize_any(ScopesVisitor)
    }
}

pub(crate) struct OneScope(pub(crate) Scopes);

impl<'de> Deserialize<'de> for OneScope {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The same whitespace rule as scope strings: ASCII whitespace separates, nothing else.
        let text = String::deserialize(deserializer)?;
        let token = text.trim_matches(|c: char| c.is_ascii_whitespace());
        let one = !token.is_empty() && !token.contains(|c: char| c.is_ascii_whitespace());
        match Scopes::parse_token(token) {
            Ok(Some(scope)) if one => Ok(OneScope(scope)),
            Ok(_) => Err(de::Error::custom(alloc::format!(
                "`{}` is not exactly one HaloPSA scope",
                crate::common::text::Shown(&text)
            ))),
            Err(err) => Err(de::Error::custom(err)),
        }
    }
}

/// One flag id, for findings and steps.
pub(crate) struct OneFlag(pub(crate) AgentFlags);

impl<'de> Deserialize<'de> for OneFlag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        AgentFlags::from_flag(&text)
            .map(OneFlag)
            .map_err(de::Error::custom)
    }
}

const ACTIONS: [Action; 10] = [
    Action::Grant,
    Action::Raise,
    Action::Enable,
    Action::Revoke,
    Action::Lower,
    Action::Disable,
    Action::Check,
    Action::CreateRole,
    Action::RemoveRole,
    Action::TestAccountAccess,
];

const LAYERS: [Layer; 3] = [Layer::Application, Layer::Agent, Layer::Datagate];

const VERDICTS: [Verdict; 3] = [Verdict::Runs, Verdict::Blocked, Verdict::Unverified];

/// Implements `Serialize`/`Deserialize` by id for a small enum listed in a const array.
macro_rules! listed_by_id {
    ($($ty:ty => $all:ident, $what:literal),* $(,)?) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $all.into_iter().find(|item| item.id() == text).ok_or_else(|| {
                    de::Error::custom(alloc::format!(concat!("unknown ", $what, " `{}`"), crate::common::text::Shown(&text)))
                })
            }
        }
    )*};
}

listed_by_id! {
    Action => ACTIONS, "step action",
    Layer => LAYERS, "step layer",
    Verdict => VERDICTS, "verdict",
}

/// Reads a `T` that must be a JSON object: an array (serde's positional form of a struct) or any
/// other value is an error saying an object was expected.
pub(crate) fn object<'de, D, T>(deserializer: D, expecting: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ObjectVisitor<T>(&'static str, PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }

    deserializer.deserialize_map(ObjectVisitor(expecting, PhantomData))
}
