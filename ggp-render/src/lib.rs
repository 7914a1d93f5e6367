//! # ggp-render
//!
//! The GPU compositor (wgpu): layers, text, card faces, templates and animation, turning a
//! `ggp-core` table view into broadcast graphics as RGBA frames or GPU textures.
//!
//! Nothing is here yet: this crate fills in with the compositor issue.
