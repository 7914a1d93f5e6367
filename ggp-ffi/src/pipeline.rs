//! The frame pipeline across the ABI: opened from settings text (TOML or JSON, the schema
//! of `ggp_stream::config`), driven by event JSON and PHH text, read through metrics, and
//! optionally tapped for raw frames. Glue only: every call goes to
//! `ggp_stream::session::PipelineSession`.
//!
//! Thread rule for pipelines: every `ggp_pipeline_*` function but `ggp_pipeline_free` may
//! be called from any thread, also at the same time (one thread in `ggp_pipeline_wait`
//! while another pushes events or calls `ggp_pipeline_stop`).

use std::ffi::{c_char, c_void};

use ggp_stream::StreamError;
use ggp_stream::config::SettingsFormat;
use ggp_stream::output::{Feed, FramePixels, FrameRef};
use ggp_stream::session::PipelineSession;

use crate::boundary::{FfiError, FfiResult, guard, out_arg, utf8_arg};
use crate::rules::write_text;
use crate::status::{ggp_error, ggp_status};

/// The text format of pipeline settings.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_settings_format {
    /// TOML.
    Toml = 0,
    /// JSON.
    Json = 1,
}

/// Which feed a frame was composited for.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_feed {
    /// The live feed: the public view, at once.
    Live = 0,
    /// The program feed: everything shown, after the delay.
    Program = 1,
}

/// The layout of a pipeline frame's planes.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_video_format {
    /// One plane, four bytes a pixel: red, green, blue, alpha (255).
    Rgba8 = 0,
    /// Three planes: Y, then U and V at half width and height (rounded up), BT.601
    /// limited range.
    Yuv420p = 1,
}

/// One frame lent to a frame callback: valid only during the call (copy what must
/// outlive it).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_video_frame {
    /// The feed it belongs to.
    pub feed: ggp_feed,
    /// The layout of the planes.
    pub format: ggp_video_format,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Presentation time in nanoseconds on the video's timeline; increasing within a feed.
    pub pts_ns: i64,
    /// Planes in use: 1 (RGBA) or 3 (YUV).
    pub plane_count: usize,
    /// The first byte of each plane's top row (NULL past `plane_count`).
    pub data: [*const u8; 3],
    /// Readable bytes at each `data`.
    pub data_len: [usize; 3],
    /// Bytes from one row to the next, per plane.
    pub stride: [usize; 3],
}

/// Called on the pipeline's frame thread for each frame delivered; it must not call
/// `ggp_pipeline_set_frame_callback`, `_wait` or `_free` of the same pipeline.
pub type ggp_frame_callback =
    Option<unsafe extern "C" fn(frame: *const ggp_video_frame, user_data: *mut c_void)>;

/// A running pipeline (opaque). Made by `ggp_pipeline_open`, released by
/// `ggp_pipeline_free`.
#[derive(Debug)]
pub struct ggp_pipeline {
    session: PipelineSession,
}

impl From<StreamError> for FfiError {
    fn from(error: StreamError) -> FfiError {
        let status = match &error {
            StreamError::Settings { .. } => ggp_status::PipelineSettings,
            StreamError::InvalidInput { .. } => ggp_status::PipelineInput,
            StreamError::Overlay { .. } => ggp_status::PipelineGraphics,
            StreamError::Closed { target, .. } if target == "pipeline" => {
                ggp_status::PipelineFinished
            }
            _ => ggp_status::PipelineMedia,
        };
        FfiError::new(status, error.to_string())
    }
}

/// # Safety
/// `pipeline` must be NULL or a live handle.
unsafe fn session<'a>(pipeline: *const ggp_pipeline) -> FfiResult<&'a PipelineSession> {
    // SAFETY: forwarded from this function's contract.
    unsafe { pipeline.as_ref() }
        .map(|p| &p.session)
        .ok_or_else(|| FfiError::null("pipeline"))
}

/// Opens a pipeline from settings text (`config_len` bytes of UTF-8, `format` a
/// `ggp_settings_format`) and starts it: the source, the encoders, the outputs, key and
/// fill when configured. The schema is documented in `examples/data/pipeline.toml`.
/// Release it with `ggp_pipeline_free`.
///
/// Errors: `GGP_STATUS_PIPELINE_SETTINGS` (the message names the field and line),
/// `GGP_STATUS_PIPELINE_MEDIA` (a source, encoder or output that does not open),
/// `GGP_STATUS_PIPELINE_GRAPHICS` (the skin or the renderer), `GGP_STATUS_INVALID_ARGUMENT`
/// for an unknown format.
///
/// # Safety
/// `config` must point to `config_len` readable bytes; `out_pipeline` must point to a
/// writable `ggp_pipeline *`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_open(
    config: *const c_char,
    config_len: usize,
    format: u32,
    out_pipeline: *mut *mut ggp_pipeline,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let config = unsafe { utf8_arg(config, config_len, "config") }?;
        // SAFETY: forwarded from this function's contract.
        let out_pipeline = unsafe { out_arg(out_pipeline, "out_pipeline") }?;
        let format = match format {
            0 => SettingsFormat::Toml,
            1 => SettingsFormat::Json,
            other => {
                return Err(FfiError::new(
                    ggp_status::InvalidArgument,
                    format!("format {other} is unknown; use GGP_SETTINGS_FORMAT_TOML or _JSON"),
                ));
            }
        };
        let session = PipelineSession::open(config, format)?;
        *out_pipeline = Box::into_raw(Box::new(ggp_pipeline { session }));
        Ok(())
    })
}

/// Adds a card or action event given as FeedEvent JSON (`json_len` bytes), e.g.
/// `{"type":"card","timestamp_ns":2000000000,"card":"As","location":{"kind":"hole",
/// "seat":0,"slot":0},"present":true,"source":"rfid","confidence":1.0}` or
/// `{"type":"action","timestamp_ns":3000000000,"action":{...}}`, timestamps on the video's
/// timeline. `*out_in_hand` (may be NULL) says whether a hand was running at its time.
///
/// Errors: `GGP_STATUS_PIPELINE_INPUT` for JSON that is no event,
/// `GGP_STATUS_PIPELINE_FINISHED` after `ggp_pipeline_wait` returned.
///
/// # Safety
/// `pipeline` must be a live handle; `json` must point to `json_len` readable bytes;
/// `out_in_hand` must be NULL or point to a writable `bool`; `error` must be NULL or point
/// to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_push_event_json(
    pipeline: *const ggp_pipeline,
    json: *const c_char,
    json_len: usize,
    out_in_hand: *mut bool,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let session = unsafe { session(pipeline) }?;
        // SAFETY: forwarded from this function's contract.
        let json = unsafe { utf8_arg(json, json_len, "json") }?;
        let in_hand = session.push_event_json(json)?;
        // SAFETY: forwarded from this function's contract.
        if let Some(out) = unsafe { out_in_hand.as_mut() } {
            *out = in_hand;
        }
        Ok(())
    })
}

/// Adds the hands of PHH text (`phh_len` bytes: a `.phh` hand or a `.phhs` file) laid on
/// the video from `start_ns` at the settings' `[hands] pace_s`; a negative `start_ns`
/// starts them two steps after the last hand. `*out_end_ns` (may be NULL) receives when
/// the last action is.
///
/// Errors: `GGP_STATUS_PIPELINE_INPUT` for text that is no hand history,
/// `GGP_STATUS_PIPELINE_FINISHED` after `ggp_pipeline_wait` returned.
///
/// # Safety
/// `pipeline` must be a live handle; `phh` must point to `phh_len` readable bytes;
/// `out_end_ns` must be NULL or point to a writable `int64_t`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_push_hand_phh(
    pipeline: *const ggp_pipeline,
    phh: *const c_char,
    phh_len: usize,
    start_ns: i64,
    out_end_ns: *mut i64,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let session = unsafe { session(pipeline) }?;
        // SAFETY: forwarded from this function's contract.
        let phh = unsafe { utf8_arg(phh, phh_len, "phh") }?;
        let end_ns = session.push_hand_phh(phh, (start_ns >= 0).then_some(start_ns))?;
        // SAFETY: forwarded from this function's contract.
        if let Some(out) = unsafe { out_end_ns.as_mut() } {
            *out = end_ns;
        }
        Ok(())
    })
}

/// The pipeline's health as JSON: frames in and out, drops, queue depths, encode time,
/// the delay, and under `"outputs"` each destination's state, bytes, bitrate and drops
/// (the frame callback and key and fill included). Written as `ggp_hand_view_json`
/// writes: NUL-terminated into `buffer`, the length in `*out_len`;
/// `GGP_STATUS_BUFFER_TOO_SMALL` with `*out_len` set when it does not fit.
///
/// # Safety
/// `pipeline` must be a live handle; `buffer` must be NULL or point to `buffer_len`
/// writable bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_metrics_json(
    pipeline: *const ggp_pipeline,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { session(pipeline) }?.metrics_json();
        // SAFETY: forwarded from this function's contract.
        unsafe { write_text(&text, buffer, buffer_len, out_len) }
    })
}

/// The same health in the Prometheus text exposition format, written as
/// `ggp_pipeline_metrics_json` writes.
///
/// # Safety
/// As for `ggp_pipeline_metrics_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_metrics_prometheus(
    pipeline: *const ggp_pipeline,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { session(pipeline) }?.prometheus();
        // SAFETY: forwarded from this function's contract.
        unsafe { write_text(&text, buffer, buffer_len, out_len) }
    })
}

/// The C callback and its user data, moved to the pipeline's frame thread.
struct CCallback {
    callback: unsafe extern "C" fn(*const ggp_video_frame, *mut c_void),
    user_data: *mut c_void,
}

// SAFETY: the caller of ggp_pipeline_set_frame_callback promises that the callback may
// be called, with its user data, from the pipeline's frame thread.
unsafe impl Send for CCallback {}

impl CCallback {
    fn call(&self, frame: &FrameRef<'_>) {
        let mut data = [std::ptr::null::<u8>(); 3];
        let mut data_len = [0usize; 3];
        let mut stride = [0usize; 3];
        for (index, plane) in frame.planes.iter().take(3).enumerate() {
            data[index] = plane.as_ptr();
            data_len[index] = plane.len();
            stride[index] = frame.strides.get(index).copied().unwrap_or(0);
        }
        let descriptor = ggp_video_frame {
            feed: match frame.feed {
                Feed::Live => ggp_feed::Live,
                Feed::Program => ggp_feed::Program,
            },
            format: match frame.format {
                FramePixels::Rgba => ggp_video_format::Rgba8,
                FramePixels::Yuv420p => ggp_video_format::Yuv420p,
            },
            width: frame.width,
            height: frame.height,
            pts_ns: frame.pts_ns,
            plane_count: frame.planes.len().min(3),
            data,
            data_len,
            stride,
        };
        // SAFETY: the descriptor and the planes it points to live until the call returns;
        // the callback's contract is the caller's (see ggp_pipeline_set_frame_callback).
        unsafe { (self.callback)(&descriptor, self.user_data) };
    }
}

/// Delivers raw frames to `callback` from now on, with `user_data` passed back; it
/// replaces an earlier callback. Which feeds, which layout (RGBA or YUV 4:2:0), the queue
/// and what a slow callback costs (frames dropped for it, or the pipeline waiting) are
/// set by the settings' `[frames]` table. The callback runs on the pipeline's frame thread,
/// never on the caller's.
///
/// Errors: `GGP_STATUS_NULL_ARGUMENT` for a NULL callback,
/// `GGP_STATUS_PIPELINE_FINISHED` after `ggp_pipeline_wait` returned.
///
/// # Safety
/// `pipeline` must be a live handle; `callback` must be safe to call from another thread
/// with `user_data` until `ggp_pipeline_wait` or `ggp_pipeline_free` returns; `error`
/// must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_set_frame_callback(
    pipeline: *const ggp_pipeline,
    callback: ggp_frame_callback,
    user_data: *mut c_void,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let session = unsafe { session(pipeline) }?;
        let callback = callback.ok_or_else(|| FfiError::null("callback"))?;
        let target = CCallback {
            callback,
            user_data,
        };
        session.set_frame_callback(Box::new(move |frame: &FrameRef<'_>| target.call(frame)))?;
        Ok(())
    })
}

/// Asks the pipeline to stop: the source stops reading, and what was read (the delay's
/// content included) is still encoded and written. Returns at once; `ggp_pipeline_wait`
/// waits for the end.
///
/// # Safety
/// `pipeline` must be a live handle; `error` must be NULL or point to a writable
/// `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_stop(
    pipeline: *const ggp_pipeline,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        unsafe { session(pipeline) }?.stop();
        Ok(())
    })
}

/// Waits for the end of the input (or `ggp_pipeline_stop`) and for every output to
/// close, then writes the report as JSON (the final metrics and `"rejected_actions"`) as
/// `ggp_pipeline_metrics_json` writes. Calling it again gives the same report at once.
///
/// Errors: the first error of the pipeline's threads (`GGP_STATUS_PIPELINE_MEDIA` for a
/// full disk, say; later calls give `GGP_STATUS_PIPELINE_FINISHED` with its message), or
/// `GGP_STATUS_BUFFER_TOO_SMALL`.
///
/// # Safety
/// As for `ggp_pipeline_metrics_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_wait(
    pipeline: *const ggp_pipeline,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let report = unsafe { session(pipeline) }?.wait()?;
        let text = PipelineSession::report_json(&report);
        // SAFETY: forwarded from this function's contract.
        unsafe { write_text(&text, buffer, buffer_len, out_len) }
    })
}

/// Stops the pipeline if it still runs, waits for its threads, and releases it; NULL is a
/// no-op. Errors at this point are not reported: call `ggp_pipeline_wait` first to see
/// them.
///
/// # Safety
/// `pipeline` must be NULL or a live handle that no other thread is using, not used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_pipeline_free(pipeline: *mut ggp_pipeline) {
    if pipeline.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: the caller hands back a handle made by Box::into_raw in _open.
        let pipeline = unsafe { Box::from_raw(pipeline) };
        pipeline.session.stop();
        let _ = pipeline.session.wait();
    }));
}
