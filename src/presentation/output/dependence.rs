//! The JSON of a [`Dependence`]: a plan's `depends_on_shared_roles`.
//!
//! ```json
//! { "role": "Finance",
//!   "items": [ { "kind": "access", "area": "invoices", "level": "read-create-modify-delete" } ],
//!   "flows": ["invoice-export-charges"],
//!   "steps": [ { "action": "raise", ... }, { "action": "remove-role", ... } ],
//!   "text": "Invoice Export - Charges get ... only from the shared role \"Finance\": ..." }
//! ```

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use super::plan::Text;
use crate::model::Item;
use crate::presentation::Dependence;

/// An item as the requirements' JSON names it: `kind` and the item.
struct ItemOut(Item);

impl Serialize for ItemOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Item", 3)?;
        super::requirements::name(self.0, &mut out, "level")?;
        out.end()
    }
}

impl Serialize for Dependence<'_> {
    /// `role`, `items` (what only the role gives), `flows` (that stop if it changes), `steps`
    /// (optional, each a planned step) and `text`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Dependence", 5)?;
        out.serialize_field("role", self.role())?;
        let items: alloc::vec::Vec<ItemOut> = self.items().iter().map(|i| ItemOut(*i)).collect();
        out.serialize_field("items", &items)?;
        out.serialize_field("flows", &self.flows())?;
        out.serialize_field("steps", self.steps())?;
        out.serialize_field("text", &Text(self))?;
        out.end()
    }
}
