//! PHH, the Poker Hand History file format (Kim et al., published with pokerkit), as
//! data.

mod action;
mod error;
mod variant;

pub use action::{PhhAction, PhhActionKind, PhhCard, PhhShowdown};
pub use error::{PhhError, PhhLocation, PhhProblem};
pub use variant::{PhhBetting, PhhField, PhhVariant};
