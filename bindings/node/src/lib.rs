//! Node.js bindings for GGP-GFX (napi-rs).
