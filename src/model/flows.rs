//! [`Flows`]: a set of [`Flow`]s.

use core::fmt;
use core::str::FromStr;

use crate::common::error::ParseError;
use crate::common::text::eq_label;
use crate::model::Flow;

bitflags::bitflags! {
    /// A set of [`Flow`]s, one bit per flow.
    ///
    /// `FromStr` reads a comma-separated list of flow ids (or article titles, or `all`); `Display` writes
    /// the ids, comma-separated, which `FromStr` reads back. An empty string is the empty set.
    ///
    /// The bit of each flow is stable across versions (a new flow takes a new bit), so `bits()`
    /// may be stored; the ids are the portable form.
    ///
    /// ```
    /// use halopsa_privileges::{Flow, Flows};
    ///
    /// fn main() -> Result<(), halopsa_privileges::ParseError> {
    ///     let flows: Flows = "customers-sync, invoice-export-multiline".parse()?;
    ///     assert_eq!(flows, Flows::CUSTOMERS_SYNC | Flows::INVOICE_EXPORT_MULTILINE);
    ///     assert_eq!(flows, [Flow::CustomersSync, Flow::InvoiceExportMultiline].into_iter().collect());
    ///     assert_eq!(flows.to_string(), "customers-sync,invoice-export-multiline");
    ///     assert_eq!(Flows::all().flows().count(), 5);
    ///     Ok(())
    /// }
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct Flows: u8 {
        /// [`Flow::CustomersSync`].
        const CUSTOMERS_SYNC = 1 << Flow::CustomersSync.index();
        /// [`Flow::ProductsSync`].
        const PRODUCTS_SYNC = 1 << Flow::ProductsSync.index();
        /// [`Flow::ServiceItemsSync`].
        const SERVICE_ITEMS_SYNC = 1 << Flow::ServiceItemsSync.index();
        /// [`Flow::InvoiceExportMultiline`].
        const INVOICE_EXPORT_MULTILINE = 1 << Flow::InvoiceExportMultiline.index();
        /// [`Flow::InvoiceExportCharges`].
        const INVOICE_EXPORT_CHARGES = 1 << Flow::InvoiceExportCharges.index();
    }
}

impl Flows {
    /// The set holding one flow; the same as `Flows::from(flow)`, usable in `const` items.
    #[inline]
    pub const fn of(flow: Flow) -> Flows {
        Flows::from_bits_retain(1 << flow.index())
    }

    /// Whether `flow` is in the set.
    #[inline]
    pub const fn has(self, flow: Flow) -> bool {
        self.contains(Flows::of(flow))
    }

    /// The flows of the set, in the order of [`Flow::ALL`].
    ///
    /// ```
    /// use halopsa_privileges::{Flow, Flows};
    /// let set = Flows::PRODUCTS_SYNC | Flows::CUSTOMERS_SYNC;
    /// assert!(set.flows().eq([Flow::CustomersSync, Flow::ProductsSync]));
    /// ```
    pub fn flows(self) -> impl Iterator<Item = Flow> + Clone {
        Flow::ALL.into_iter().filter(move |&flow| self.has(flow))
    }

    /// The set as text for people: the article titles, comma-separated, or `none` for the empty
    /// set. (`Display` writes the ids, which `FromStr` reads back.)
    ///
    /// ```
    /// use halopsa_privileges::Flows;
    /// let set = Flows::CUSTOMERS_SYNC | Flows::SERVICE_ITEMS_SYNC;
    /// assert_eq!(set.titles().to_string(), "Customers sync, Service Items (Assets) sync");
    /// assert_eq!(Flows::empty().titles().to_string(), "none");
    /// ```
    pub const fn titles(self) -> Titles {
        Titles(self)
    }
}

/// The article titles of a set of flows, from [`Flows::titles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Titles(Flows);

impl fmt::Display for Titles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        for (i, flow) in self.0.flows().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(flow.title())?;
        }
        let unnamed = self.0.bits() & !Flows::all().bits();
        if unnamed != 0 {
            write!(
                f,
                "{}unnamed flow bits {unnamed:#x}",
                if self.0.intersects(Flows::all()) {
                    ", "
                } else {
                    ""
                }
            )?;
        }
        Ok(())
    }
}

impl From<Flow> for Flows {
    fn from(flow: Flow) -> Flows {
        Flows::of(flow)
    }
}

impl FromIterator<Flow> for Flows {
    fn from_iter<I: IntoIterator<Item = Flow>>(iter: I) -> Flows {
        iter.into_iter()
            .fold(Flows::empty(), |set, flow| set | Flows::of(flow))
    }
}

impl Extend<Flow> for Flows {
    fn extend<I: IntoIterator<Item = Flow>>(&mut self, iter: I) {
        for flow in iter {
            self.insert(Flows::of(flow));
        }
    }
}

impl fmt::Display for Flows {
    /// The ids, comma-separated (the empty set is the empty string); bits that name no flow
    /// (only possible through `from_bits_retain`) are written in hex after them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, flow) in self.flows().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(flow.id())?;
        }
        let unnamed = self.bits() & !Flows::all().bits();
        if unnamed != 0 {
            let sep = if self.intersects(Flows::all()) {
                ","
            } else {
                ""
            };
            write!(f, "{sep}{unnamed:#x}")?;
        }
        Ok(())
    }
}

impl FromStr for Flows {
    type Err = ParseError;

    /// Parses a comma-separated list of flow ids or titles; `all` stands for every flow. The
    /// empty (or all-blank) string is the empty set; an empty item between commas is an error.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim_matches(|c: char| c.is_ascii_whitespace()).is_empty() {
            return Ok(Flows::empty());
        }
        s.split(',').try_fold(Flows::empty(), |set, item| {
            if item
                .trim_matches(|c: char| c.is_ascii_whitespace())
                .is_empty()
            {
                return Err(ParseError::EmptyFlowInList(s.into()));
            }
            if eq_label(item, "all") {
                return Ok(Flows::all());
            }
            Ok(set | Flows::of(item.parse::<Flow>()?))
        })
    }
}
