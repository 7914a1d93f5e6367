//! Hand evaluation.
//!
//! Each hand type a showdown needs has one evaluator here. So far: [`high`], the standard
//! high hand from 5 to 7 cards.

pub mod high;
