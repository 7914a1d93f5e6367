//! The version, as macros in the header and as a function.

use std::ffi::c_char;

/// Major version of the header; equals the crate's (a test checks).
pub const GGP_VERSION_MAJOR: u32 = 0;
/// Minor version of the header.
pub const GGP_VERSION_MINOR: u32 = 1;
/// Patch version of the header.
pub const GGP_VERSION_PATCH: u32 = 0;

/// The version of the library, e.g. "0.1.0", as a static NUL-terminated string. Compare
/// it with the header's `GGP_VERSION_*` macros to catch a header and library mismatch.
#[unsafe(no_mangle)]
pub extern "C" fn ggp_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_version_equals_the_crate_version() {
        let expected = format!("{GGP_VERSION_MAJOR}.{GGP_VERSION_MINOR}.{GGP_VERSION_PATCH}");
        assert_eq!(expected, env!("CARGO_PKG_VERSION"));
        // SAFETY: a static NUL-terminated string.
        let from_c = unsafe { std::ffi::CStr::from_ptr(ggp_version()) };
        assert_eq!(from_c.to_str().unwrap(), expected);
    }
}
