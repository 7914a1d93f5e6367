//! The example programs live in this package's example targets; see `rust/`.
