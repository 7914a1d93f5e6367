//! Skins.
