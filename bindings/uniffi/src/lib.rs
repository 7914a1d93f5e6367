//! Swift and Kotlin bindings for GGP-GFX (uniffi proc-macros).
