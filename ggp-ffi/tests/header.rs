//! The committed include/ggp.h must be exactly what cbindgen generates from this crate.
//!
//! `GGP_BLESS=1 cargo test -p ggp-ffi --test header` rewrites it after an API change.

use std::path::Path;

#[test]
fn committed_header_matches_the_code() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header_path = crate_dir.join("../include/ggp.h");
    let config =
        cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("cbindgen.toml parses");
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut generated = Vec::new();
    bindings.write(&mut generated);

    if std::env::var_os("GGP_BLESS").is_some() {
        std::fs::write(&header_path, &generated).expect("include/ggp.h is writable");
        return;
    }
    let committed = std::fs::read(&header_path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/ggp.h is out of date with ggp-ffi; regenerate it with \
         `GGP_BLESS=1 cargo test -p ggp-ffi --test header` and commit it"
    );
}

#[test]
fn header_version_macros_equal_the_crate_version() {
    let header =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/ggp.h"))
            .expect("include/ggp.h exists");
    for (name, value) in [
        ("GGP_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
        ("GGP_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
        ("GGP_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
    ] {
        assert!(
            header.contains(&format!("#define {name} {value}\n")),
            "{name} should be {value}"
        );
    }
}
