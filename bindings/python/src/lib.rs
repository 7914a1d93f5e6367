//! Python bindings for GGP-GFX: the native module `ggp._ggp` behind the `ggp` package.
