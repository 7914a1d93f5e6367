//! The panic boundary and error reporting shared by every export.

use std::ffi::c_char;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::status::{ggp_error, ggp_status};

/// A failure on its way to C: a status and a message.
#[derive(Debug)]
pub(crate) struct FfiError {
    pub(crate) status: ggp_status,
    pub(crate) message: String,
}

impl FfiError {
    pub(crate) fn new(status: ggp_status, message: impl Into<String>) -> FfiError {
        FfiError {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn null(argument: &str) -> FfiError {
        FfiError::new(
            ggp_status::NullArgument,
            format!("argument `{argument}` is NULL"),
        )
    }
}

impl From<ggp_core::Error> for FfiError {
    fn from(error: ggp_core::Error) -> FfiError {
        FfiError::new(error.kind().into(), error.to_string())
    }
}

pub(crate) type FfiResult<T = ()> = Result<T, FfiError>;

/// Runs the body of an export: catches panics, turns the result into a status and fills
/// the caller's optional error report.
pub(crate) fn guard(error_out: *mut ggp_error, body: impl FnOnce() -> FfiResult) -> ggp_status {
    let failure = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => FfiError::new(ggp_status::Ok, ""),
        Ok(Err(error)) => error,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            FfiError::new(
                ggp_status::Panic,
                format!("internal error in the GGP SDK: {what}"),
            )
        }
    };
    // SAFETY: the caller passes either NULL or a pointer to a writable ggp_error.
    if let Some(report) = unsafe { error_out.as_mut() } {
        report.status = failure.status;
        write_c_string(&failure.message, &mut report.message);
    }
    failure.status
}

/// Copies `text` into `buffer` as a NUL-terminated string, cut at a character boundary
/// if it does not fit.
pub(crate) fn write_c_string(text: &str, buffer: &mut [c_char]) {
    let Some(room) = buffer.len().checked_sub(1) else {
        return;
    };
    let mut end = text.len().min(room);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    for (slot, byte) in buffer.iter_mut().zip(&text.as_bytes()[..end]) {
        *slot = *byte as c_char;
    }
    buffer[end] = 0;
}

/// Borrows a (pointer, length) UTF-8 string from C.
///
/// # Safety
/// `text` must be NULL or point to `len` readable bytes.
pub(crate) unsafe fn utf8_arg<'a>(
    text: *const c_char,
    len: usize,
    name: &str,
) -> FfiResult<&'a str> {
    if text.is_null() {
        return Err(FfiError::null(name));
    }
    // SAFETY: checked non-NULL; the caller guarantees `len` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map_err(|e| {
        FfiError::new(
            ggp_status::InvalidUtf8,
            format!(
                "argument `{name}` is not valid UTF-8 (at byte {})",
                e.valid_up_to()
            ),
        )
    })
}

/// Borrows a (pointer, length) array from C; a NULL pointer is allowed for length 0.
///
/// # Safety
/// `items` must be NULL or point to `len` readable values of `T`.
pub(crate) unsafe fn slice_arg<'a, T>(
    items: *const T,
    len: usize,
    name: &str,
) -> FfiResult<&'a [T]> {
    if items.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(FfiError::null(name))
        };
    }
    // SAFETY: checked non-NULL; the caller guarantees `len` readable values.
    Ok(unsafe { std::slice::from_raw_parts(items, len) })
}

/// Borrows an output location from C.
///
/// # Safety
/// `out` must be NULL or point to a writable `T`.
pub(crate) unsafe fn out_arg<'a, T>(out: *mut T, name: &str) -> FfiResult<&'a mut T> {
    // SAFETY: the caller guarantees the pointer is NULL or valid for writes.
    unsafe { out.as_mut() }.ok_or_else(|| FfiError::null(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::GGP_ERROR_MESSAGE_CAPACITY;

    #[test]
    fn messages_are_cut_at_a_character_boundary() {
        let mut buffer = [1 as c_char; 5];
        write_c_string("ab♠cd", &mut buffer);
        // "ab" fits, the three bytes of ♠ do not.
        assert_eq!(&buffer[..3], &[b'a' as c_char, b'b' as c_char, 0]);
    }

    #[test]
    fn panics_become_a_status() {
        let mut report = ggp_error {
            status: ggp_status::Ok,
            message: [0; GGP_ERROR_MESSAGE_CAPACITY],
        };
        let status = guard(&mut report, || panic!("boom"));
        assert_eq!(status, ggp_status::Panic);
        assert_eq!(report.status, ggp_status::Panic);
    }
}
