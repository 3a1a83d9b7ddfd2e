//! Where an indicator's target parts are written ([`Written`]): the places
//! check's fixes edit (issue 20).

use crate::model::{Unit, Written};
use crate::source::Node;
use crate::syntax::ast::{QuantityLit, TargetLit};

/// Where the annual target's parts are written (see [`Written`]).
pub(super) fn of(lit: &TargetLit) -> Written {
    let mut w = Written::default();
    match lit {
        TargetLit::Compare { comparator, .. } => w.part = comparator.span,
        TargetLit::Qualitative { word } => w.part = word.span,
        _ => {}
    }
    unknown_units(lit, &mut w);
    w
}

/// Adds the units of `lit` that are not in the unit table.
pub(super) fn unknown_units(lit: &TargetLit, w: &mut Written) {
    let values: [Option<&Node<QuantityLit>>; 2] = match lit {
        TargetLit::Compare { value, .. }
        | TargetLit::Bare { value }
        | TargetLit::PlusMinus { value } => [Some(value), None],
        TargetLit::Range { low, high } => [Some(low), Some(high)],
        TargetLit::Qualitative { .. } => [None, None],
    };
    for unit in values
        .into_iter()
        .flatten()
        .filter_map(|v| v.node.unit.as_ref())
    {
        if !Unit::from_written(&unit.node).is_known() {
            w.unknown_units
                .get_or_insert_with(Box::default)
                .push(unit.clone());
        }
    }
}
