//! The renderer across the ABI: an overlay that draws a skin over a hand, and the frames
//! it returns.

use std::ffi::c_char;
use std::path::PathBuf;

use ggp_render::skin::{HandOverlay, HandOverlayOptions, SkinError};
use ggp_render::{AdapterChoice, AlphaMode, Frame, RenderError};

use crate::boundary::{FfiError, guard, out_arg, utf8_arg};
use crate::rules::ggp_hand;
use crate::status::{ggp_error, ggp_status};

/// Which graphics adapter renders.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_adapter {
    /// The fastest adapter there is (a GPU when there is one, else a software one).
    Any = 0,
    /// A software adapter on the CPU (lavapipe, llvmpipe): slower, the same everywhere.
    Cpu = 1,
}

/// How a frame's colour relates to its alpha.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_alpha_mode {
    /// Colour independent of alpha (what PNG files and most image tools want).
    Straight = 0,
    /// Colour already multiplied by alpha (what compositors want).
    Premultiplied = 1,
}

/// The layout of a frame's pixels.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_pixel_format {
    /// Four bytes a pixel: red, green, blue, alpha.
    Rgba8 = 0,
}

/// How to set up an overlay with `ggp_hand_overlay_new`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_hand_overlay_options {
    /// Frame width in pixels (16 to 4096).
    pub width: u32,
    /// Frame height in pixels (16 to 4096).
    pub height: u32,
    /// A skin file (TOML) as UTF-8; length 0 (the pointer may then be NULL) for the
    /// bundled default skin.
    pub skin_path: *const c_char,
    /// Bytes in `skin_path`.
    pub skin_path_len: usize,
    /// A `ggp_adapter` value.
    pub adapter: u32,
    /// A `ggp_alpha_mode` value.
    pub alpha: u32,
}

/// A skin, a renderer and a frame size (opaque). Made by `ggp_hand_overlay_new`,
/// released by `ggp_hand_overlay_free`. Each frame shows its view settled, every
/// transition finished.
#[derive(Debug)]
pub struct ggp_hand_overlay {
    overlay: HandOverlay,
}

/// A rendered frame (opaque): owns the pixels that `ggp_frame_info` describes. Released
/// by `ggp_frame_free`.
#[derive(Debug)]
pub struct ggp_frame {
    frame: Frame,
}

/// Where a frame's pixels are and how to read them. Valid while its `ggp_frame` lives.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_frame_info {
    /// The first byte of the top row.
    pub data: *const u8,
    /// Bytes at `data`: `stride * height`.
    pub data_len: usize,
    /// Bytes from one row to the next.
    pub stride: usize,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The layout of each pixel.
    pub format: ggp_pixel_format,
    /// Whether colour is premultiplied.
    pub alpha: ggp_alpha_mode,
}

impl From<SkinError> for FfiError {
    fn from(error: SkinError) -> FfiError {
        let status = match &error {
            SkinError::InvalidView { .. } => ggp_status::InvalidView,
            SkinError::Render(RenderError::NoAdapter { .. })
            | SkinError::Render(RenderError::DeviceRequest { .. }) => ggp_status::NoAdapter,
            SkinError::Render(RenderError::InvalidSize { .. }) => ggp_status::InvalidFrameSize,
            SkinError::Render(_) => ggp_status::Render,
            _ => ggp_status::Skin,
        };
        FfiError::new(status, error.to_string())
    }
}

fn new_frame(frame: &Frame, out: &mut *mut ggp_frame) {
    *out = Box::into_raw(Box::new(ggp_frame {
        frame: frame.clone(),
    }));
}

/// Makes an overlay: loads the skin, starts the renderer, checks the size. Release it
/// with `ggp_hand_overlay_free`.
///
/// Errors: `GGP_STATUS_SKIN` for a skin that cannot be read or used (the message names
/// the file and line), `GGP_STATUS_NO_ADAPTER`, `GGP_STATUS_INVALID_FRAME_SIZE`,
/// `GGP_STATUS_INVALID_ARGUMENT` for an unknown adapter or alpha mode.
///
/// # Safety
/// `options` must point to a readable `ggp_hand_overlay_options` whose `skin_path` holds
/// `skin_path_len` readable bytes; `out_overlay` must point to a writable
/// `ggp_hand_overlay *`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_overlay_new(
    options: *const ggp_hand_overlay_options,
    out_overlay: *mut *mut ggp_hand_overlay,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let options = unsafe { options.as_ref() }.ok_or_else(|| FfiError::null("options"))?;
        // SAFETY: forwarded from this function's contract.
        let out_overlay = unsafe { out_arg(out_overlay, "out_overlay") }?;
        let skin = if options.skin_path_len == 0 {
            None
        } else {
            // SAFETY: forwarded from this function's contract.
            let path = unsafe { utf8_arg(options.skin_path, options.skin_path_len, "skin_path") }?;
            Some(PathBuf::from(path))
        };
        let adapter = match options.adapter {
            0 => AdapterChoice::HighPerformance,
            1 => AdapterChoice::Cpu,
            other => return Err(unknown("adapter", other, "GGP_ADAPTER_ANY or _CPU")),
        };
        let alpha = match options.alpha {
            0 => AlphaMode::Straight,
            1 => AlphaMode::Premultiplied,
            other => {
                return Err(unknown(
                    "alpha",
                    other,
                    "GGP_ALPHA_MODE_STRAIGHT or _PREMULTIPLIED",
                ));
            }
        };
        let overlay = HandOverlay::new(&HandOverlayOptions {
            width: options.width,
            height: options.height,
            skin,
            adapter,
            alpha,
        })?;
        *out_overlay = Box::into_raw(Box::new(ggp_hand_overlay { overlay }));
        Ok(())
    })
}

fn unknown(field: &str, value: u32, known: &str) -> FfiError {
    FfiError::new(
        ggp_status::InvalidArgument,
        format!("options.{field} {value} is unknown; use {known}"),
    )
}

/// Releases an overlay; NULL is a no-op.
///
/// # Safety
/// `overlay` must be NULL or a live handle from `ggp_hand_overlay_new`, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_overlay_free(overlay: *mut ggp_hand_overlay) {
    if !overlay.is_null() {
        // SAFETY: the caller hands back a handle made by Box::into_raw in _new.
        drop(unsafe { Box::from_raw(overlay) });
    }
}

/// Renders `hand` as it stands: with `public_view` false the full view (every hole card
/// and each live player's exact equity), with it true the public view (card backs where
/// cards are hidden, no equity). `*out_frame` receives a new frame; release it with
/// `ggp_frame_free`.
///
/// # Safety
/// `overlay` and `hand` must be live handles; `out_frame` must point to a writable
/// `ggp_frame *`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_overlay_render_hand(
    overlay: *mut ggp_hand_overlay,
    hand: *const ggp_hand,
    public_view: bool,
    out_frame: *mut *mut ggp_frame,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let overlay = unsafe { out_arg(overlay, "overlay") }?;
        // SAFETY: forwarded from this function's contract.
        let hand = unsafe { hand.as_ref() }.ok_or_else(|| FfiError::null("hand"))?;
        // SAFETY: forwarded from this function's contract.
        let out_frame = unsafe { out_arg(out_frame, "out_frame") }?;
        let frame = overlay.overlay.render_hand(hand.inner(), public_view)?;
        new_frame(frame, out_frame);
        Ok(())
    })
}

/// Renders a view given as JSON (`json_len` bytes of UTF-8): the text of
/// `ggp_hand_view_json` or `ggp_hand_public_view_json`. Anything else is
/// `GGP_STATUS_INVALID_VIEW`. `*out_frame` receives a new frame.
///
/// # Safety
/// `overlay` must be a live handle; `json` must point to `json_len` readable bytes;
/// `out_frame` must point to a writable `ggp_frame *`; `error` must be NULL or point to
/// a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_overlay_render_view_json(
    overlay: *mut ggp_hand_overlay,
    json: *const c_char,
    json_len: usize,
    out_frame: *mut *mut ggp_frame,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let overlay = unsafe { out_arg(overlay, "overlay") }?;
        // SAFETY: forwarded from this function's contract.
        let json = unsafe { utf8_arg(json, json_len, "json") }?;
        // SAFETY: forwarded from this function's contract.
        let out_frame = unsafe { out_arg(out_frame, "out_frame") }?;
        let frame = overlay.overlay.render_view_json(json)?;
        new_frame(frame, out_frame);
        Ok(())
    })
}

/// Puts the skin file at `path` (`path_len` bytes of UTF-8) in use from the next frame.
/// When it is bad the current skin stays and the status is `GGP_STATUS_SKIN`.
///
/// # Safety
/// `overlay` must be a live handle; `path` must point to `path_len` readable bytes;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_hand_overlay_reload_skin(
    overlay: *mut ggp_hand_overlay,
    path: *const c_char,
    path_len: usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let overlay = unsafe { out_arg(overlay, "overlay") }?;
        // SAFETY: forwarded from this function's contract.
        let path = unsafe { utf8_arg(path, path_len, "path") }?;
        Ok(overlay.overlay.reload_skin(std::path::Path::new(path))?)
    })
}

/// Describes a frame's pixels; they stay valid and unchanged until `ggp_frame_free`.
///
/// # Safety
/// `frame` must be a live handle; `out_info` must point to a writable `ggp_frame_info`;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_frame_get_info(
    frame: *const ggp_frame,
    out_info: *mut ggp_frame_info,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let frame = &unsafe { frame.as_ref() }
            .ok_or_else(|| FfiError::null("frame"))?
            .frame;
        // SAFETY: forwarded from this function's contract.
        let out_info = unsafe { out_arg(out_info, "out_info") }?;
        *out_info = ggp_frame_info {
            data: frame.pixels.as_ptr(),
            data_len: frame.pixels.len(),
            stride: frame.width as usize * 4,
            width: frame.width,
            height: frame.height,
            format: ggp_pixel_format::Rgba8,
            alpha: match frame.alpha {
                AlphaMode::Straight => ggp_alpha_mode::Straight,
                AlphaMode::Premultiplied => ggp_alpha_mode::Premultiplied,
            },
        };
        Ok(())
    })
}

/// Splits a frame into the pair a hardware keyer takes: `*out_key` the alpha as opaque
/// grey, `*out_fill` the straight colour, opaque. Release both with `ggp_frame_free`.
///
/// # Safety
/// `frame` must be a live handle; `out_key` and `out_fill` must point to writable
/// `ggp_frame *`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_frame_key_and_fill(
    frame: *const ggp_frame,
    out_key: *mut *mut ggp_frame,
    out_fill: *mut *mut ggp_frame,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let frame = &unsafe { frame.as_ref() }
            .ok_or_else(|| FfiError::null("frame"))?
            .frame;
        // SAFETY: forwarded from this function's contract.
        let out_key = unsafe { out_arg(out_key, "out_key") }?;
        // SAFETY: forwarded from this function's contract.
        let out_fill = unsafe { out_arg(out_fill, "out_fill") }?;
        let (key, fill) = frame.key_and_fill();
        *out_key = Box::into_raw(Box::new(ggp_frame { frame: key }));
        *out_fill = Box::into_raw(Box::new(ggp_frame { frame: fill }));
        Ok(())
    })
}

/// Releases a frame; NULL is a no-op.
///
/// # Safety
/// `frame` must be NULL or a live frame handle, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_frame_free(frame: *mut ggp_frame) {
    if !frame.is_null() {
        // SAFETY: the caller hands back a handle made by Box::into_raw here.
        drop(unsafe { Box::from_raw(frame) });
    }
}
