//! Card recognition across the ABI: a card detector over caller frames, and the temporal
//! tracker that turns per-frame detections into card events. ONNX Runtime is loaded only
//! when the first detector is made, so linking the library never needs it.

use std::ffi::c_char;

use ggp_core::feed::CardLocation;
use ggp_vision::tracker::{GameCards, Tracker, TrackerConfig, TrackerEvent};
use ggp_vision::{
    CardDetector, Detection, DetectorConfig, FrameRef, PixelFormat, VisionError, Zone,
};
use serde_json::{Value, json};

use crate::boundary::{FfiError, FfiResult, guard, out_arg, slice_arg, utf8_arg};
use crate::cards::ggp_card;
use crate::rules::{ggp_hand, write_text};
use crate::status::{ggp_error, ggp_status};

impl From<VisionError> for FfiError {
    fn from(error: VisionError) -> FfiError {
        let status = match &error {
            VisionError::RuntimeNotFound { .. } | VisionError::RuntimeUnusable { .. } => {
                ggp_status::VisionRuntime
            }
            VisionError::Model { .. } | VisionError::ModelOutput { .. } => ggp_status::VisionModel,
            VisionError::InvalidFrame(_) | VisionError::Image { .. } => ggp_status::InvalidFrame,
            VisionError::InvalidZone { .. } => ggp_status::InvalidZone,
        };
        FfiError::new(status, error.to_string())
    }
}

/// The layout of one pixel of a frame given to the detector, 8 bits a channel.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ggp_frame_view_format {
    /// Red, green, blue, alpha.
    Rgba8 = 0,
    /// Blue, green, red, alpha (what many capture cards give).
    Bgra8 = 1,
    /// Red, green, blue.
    Rgb8 = 2,
}

/// A caller-owned frame, borrowed for one call: `height` rows of `stride` bytes, each row
/// starting with `width` pixels of `format`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_frame_view {
    /// The first byte of the top row.
    pub data: *const u8,
    /// Bytes readable at `data`.
    pub data_len: usize,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Bytes from one row to the next (at least `width` pixels).
    pub stride: usize,
    /// The pixel layout, a `ggp_frame_view_format` value.
    pub format: u32,
}

impl ggp_frame_view {
    /// The frame as the detector takes it.
    ///
    /// # Safety
    /// `data` must be NULL or point to `data_len` readable bytes for the borrow's life.
    unsafe fn to_frame<'a>(self) -> FfiResult<FrameRef<'a>> {
        let format = match self.format {
            0 => PixelFormat::Rgba8,
            1 => PixelFormat::Bgra8,
            2 => PixelFormat::Rgb8,
            other => {
                return Err(FfiError::new(
                    ggp_status::InvalidArgument,
                    format!("frame.format {other} is no ggp_frame_view_format (0 to 2)"),
                ));
            }
        };
        // SAFETY: forwarded from this function's contract.
        let data = unsafe { slice_arg(self.data, self.data_len, "frame.data") }?;
        Ok(FrameRef::new(
            data,
            self.width,
            self.height,
            self.stride,
            format,
        )?)
    }
}

/// A named rectangle of the frame searched on its own (the board, one seat's hole-card
/// camera). Names such as "board" and "seat0" also tell the tracker where a card lies.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_zone {
    /// The zone's name, UTF-8.
    pub name: *const c_char,
    /// Bytes in `name`.
    pub name_len: usize,
    /// Left edge, in frame pixels.
    pub x: u32,
    /// Top edge, in frame pixels.
    pub y: u32,
    /// Width in pixels (clipped to the frame).
    pub width: u32,
    /// Height in pixels (clipped to the frame).
    pub height: u32,
}

/// How to make a detector. A field left 0 (or a path of length 0) takes the default.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_card_detector_options {
    /// Path of a detector ONNX model; length 0 for the model shipped with the SDK.
    pub detector_model_path: *const c_char,
    /// Bytes in `detector_model_path`.
    pub detector_model_path_len: usize,
    /// Path of a classifier ONNX model; length 0 for the model shipped with the SDK.
    pub classifier_model_path: *const c_char,
    /// Bytes in `classifier_model_path`.
    pub classifier_model_path_len: usize,
    /// Threads ONNX Runtime uses in one model run (0: up to 4, one a core).
    pub threads: u32,
    /// Minimum classifier probability for a card to be reported (0: 0.5).
    pub min_confidence: f32,
    /// Minimum corner-detector score for an index to be read (0: 0.3).
    pub peak_threshold: f32,
}

/// One card found in a frame.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ggp_detection {
    /// The card.
    pub card: ggp_card,
    /// `x, y, w, h` of the card's corner index, in pixels of the frame given.
    pub box_xywh: [f32; 4],
    /// How sure the recogniser is, 0 to 1.
    pub confidence: f32,
    /// The index of the zone it was found in (in the order `ggp_card_detector_set_zones`
    /// got them), or -1 when the whole frame was searched.
    pub zone_index: i32,
}

/// A card detector (opaque): two small ONNX models and the last frame's detections. Made
/// by `ggp_card_detector_new`, released by `ggp_card_detector_free`.
#[derive(Debug)]
pub struct ggp_card_detector {
    detector: CardDetector,
    last: Vec<Detection>,
}

impl ggp_card_detector {
    fn zone_index(&self, zone: Option<&str>) -> i32 {
        zone.and_then(|name| {
            self.detector
                .config()
                .zones
                .iter()
                .position(|z| z.name == name)
        })
        .and_then(|i| i32::try_from(i).ok())
        .unwrap_or(-1)
    }

    fn to_c(&self, detection: &Detection) -> ggp_detection {
        ggp_detection {
            card: detection.card.index(),
            box_xywh: detection.bbox,
            confidence: detection.confidence,
            zone_index: self.zone_index(detection.zone.as_deref()),
        }
    }
}

/// An optional text field: `None` when its length is 0.
///
/// # Safety
/// `text` must be NULL or point to `len` readable bytes.
unsafe fn optional_text<'a>(
    text: *const c_char,
    len: usize,
    name: &str,
) -> FfiResult<Option<&'a str>> {
    if len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded from this function's contract.
    unsafe { utf8_arg(text, len, name) }.map(Some)
}

/// Makes a card detector: loads ONNX Runtime on first use (from `ORT_DYLIB_PATH`, the
/// repository's `.venv`, or an installed `onnxruntime` Python module), then the models.
/// `options` may be NULL for the shipped models and default settings. Release it with
/// `ggp_card_detector_free`.
///
/// Errors: `GGP_STATUS_VISION_RUNTIME` when ONNX Runtime is missing or of the wrong
/// version (the message says where it looked and how to install it);
/// `GGP_STATUS_VISION_MODEL` for a model that cannot be read or loaded.
///
/// # Safety
/// `options` must be NULL or point to a readable `ggp_card_detector_options` whose
/// non-empty paths point to their lengths in readable bytes; `out_detector` must point to
/// a writable `ggp_card_detector *`; `error` must be NULL or point to a writable
/// `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_detector_new(
    options: *const ggp_card_detector_options,
    out_detector: *mut *mut ggp_card_detector,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let out_detector = unsafe { out_arg(out_detector, "out_detector") }?;
        let mut config = DetectorConfig::default();
        let mut paths = (None, None);
        // SAFETY: as above.
        if let Some(options) = unsafe { options.as_ref() } {
            if options.threads > 0 {
                config.threads = options.threads as usize;
            }
            if options.min_confidence > 0.0 {
                config.min_confidence = options.min_confidence;
            }
            if options.peak_threshold > 0.0 {
                config.peak_threshold = options.peak_threshold;
            }
            // SAFETY: as above.
            paths = unsafe {
                (
                    optional_text(
                        options.detector_model_path,
                        options.detector_model_path_len,
                        "detector_model_path",
                    )?,
                    optional_text(
                        options.classifier_model_path,
                        options.classifier_model_path_len,
                        "classifier_model_path",
                    )?,
                )
            };
        }
        let detector = match paths {
            (None, None) => CardDetector::new(config)?,
            (Some(detector), Some(classifier)) => {
                CardDetector::from_model_files(config, detector.as_ref(), classifier.as_ref())?
            }
            _ => {
                return Err(FfiError::new(
                    ggp_status::InvalidArgument,
                    "give both model paths (detector and classifier) or neither",
                ));
            }
        };
        *out_detector = Box::into_raw(Box::new(ggp_card_detector {
            detector,
            last: Vec::new(),
        }));
        Ok(())
    })
}

/// Releases a detector; NULL is a no-op.
///
/// # Safety
/// `detector` must be NULL or a handle from `ggp_card_detector_new` not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_detector_free(detector: *mut ggp_card_detector) {
    if !detector.is_null() {
        // SAFETY: the caller hands back a handle made by Box::into_raw in _new.
        drop(unsafe { Box::from_raw(detector) });
    }
}

/// Borrows a live detector.
///
/// # Safety
/// `detector` must be NULL or a live handle not used elsewhere at the same time.
unsafe fn detector_arg<'a>(
    detector: *mut ggp_card_detector,
) -> FfiResult<&'a mut ggp_card_detector> {
    // SAFETY: forwarded from this function's contract.
    unsafe { out_arg(detector, "detector") }
}

/// Sets the zones searched from now on (`count` 0: the whole frame). Names must be
/// UTF-8; a zone outside a frame is reported by the detect call on that frame.
///
/// # Safety
/// `detector` must be a live handle; `zones` must be NULL (with `count` 0) or point to
/// `count` readable `ggp_zone`s whose names point to their lengths in readable bytes;
/// `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_detector_set_zones(
    detector: *mut ggp_card_detector,
    zones: *const ggp_zone,
    count: usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let detector = unsafe { detector_arg(detector) }?;
        // SAFETY: as above.
        let zones = unsafe { slice_arg(zones, count, "zones") }?;
        let zones = zones
            .iter()
            .map(|zone| {
                // SAFETY: as above.
                let name = unsafe { utf8_arg(zone.name, zone.name_len, "zone.name") }?;
                Ok(Zone {
                    name: name.to_owned(),
                    rect: [zone.x, zone.y, zone.width, zone.height],
                })
            })
            .collect::<FfiResult<Vec<_>>>()?;
        detector.detector.set_zones(zones);
        Ok(())
    })
}

/// Copies the detector's last detections into `out_detections` (room for `capacity`) and
/// their number into `*out_count`. If they do not fit, `GGP_STATUS_BUFFER_TOO_SMALL`,
/// nothing is copied and `*out_count` still receives the number.
fn copy_last(
    detector: &ggp_card_detector,
    out_detections: *mut ggp_detection,
    capacity: usize,
    out_count: &mut usize,
) -> FfiResult {
    let count = detector.last.len();
    *out_count = count;
    if count > capacity {
        return Err(FfiError::new(
            ggp_status::BufferTooSmall,
            format!("{count} cards were found and the array has room for {capacity}"),
        ));
    }
    if count == 0 {
        return Ok(());
    }
    if out_detections.is_null() {
        return Err(FfiError::null("out_detections"));
    }
    for (index, detection) in detector.last.iter().enumerate() {
        // SAFETY: non-NULL (checked), and the caller guarantees `capacity` >= count
        // writable entries.
        unsafe { out_detections.add(index).write(detector.to_c(detection)) };
    }
    Ok(())
}

/// Finds the cards in `*frame` (in each zone set, or in the whole frame) and copies them
/// into `out_detections`, which has room for `capacity`; `*out_count` receives how many
/// were found. The detections are also kept in the detector, for
/// `ggp_card_detector_last_json` and `ggp_card_tracker_update_from_detector`.
///
/// If more cards were found than `capacity`, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL`, nothing is copied and `*out_count` still receives the
/// number: fetch them with `ggp_card_detector_last` without detecting again.
///
/// Errors: `GGP_STATUS_INVALID_FRAME` for a descriptor that does not fit its buffer,
/// `GGP_STATUS_INVALID_ZONE` for a zone outside the frame, `GGP_STATUS_VISION_MODEL` if
/// ONNX Runtime fails.
///
/// # Safety
/// `detector` must be a live handle; `frame` must point to a readable `ggp_frame_view`
/// whose `data` points to `data_len` readable bytes; `out_detections` must be NULL (with
/// `capacity` 0) or point to `capacity` writable `ggp_detection`s; `out_count` must point
/// to a writable `size_t`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_detector_detect(
    detector: *mut ggp_card_detector,
    frame: *const ggp_frame_view,
    out_detections: *mut ggp_detection,
    capacity: usize,
    out_count: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let detector = unsafe { detector_arg(detector) }?;
        // SAFETY: as above.
        let frame = unsafe { frame.as_ref() }.ok_or_else(|| FfiError::null("frame"))?;
        // SAFETY: as above.
        let frame = unsafe { frame.to_frame() }?;
        // SAFETY: as above.
        let out_count = unsafe { out_arg(out_count, "out_count") }?;
        detector.last.clear();
        detector.last = detector.detector.detect(&frame)?;
        copy_last(detector, out_detections, capacity, out_count)
    })
}

/// Copies the last detect call's detections, as `ggp_card_detector_detect` does, without
/// detecting again.
///
/// # Safety
/// As for `ggp_card_detector_detect`, without the frame.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_detector_last(
    detector: *mut ggp_card_detector,
    out_detections: *mut ggp_detection,
    capacity: usize,
    out_count: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let detector = unsafe { detector_arg(detector) }?;
        // SAFETY: as above.
        let out_count = unsafe { out_arg(out_count, "out_count") }?;
        copy_last(detector, out_detections, capacity, out_count)
    })
}

/// One detection as JSON: `{"card":"As","box":[x,y,w,h],"confidence":0.97,"zone":"board"}`
/// (`zone` null when the whole frame was searched).
pub(crate) fn detection_json(detection: &Detection) -> Value {
    json!({
        "card": detection.card.to_string(),
        "box": detection.bbox,
        "confidence": detection.confidence,
        "zone": detection.zone,
    })
}

/// Reads detections written as `detection_json` writes them (`zone` may be left out).
pub(crate) fn detections_from_json(text: &str) -> FfiResult<Vec<Detection>> {
    let invalid = |reason: String| {
        FfiError::new(
            ggp_status::InvalidArgument,
            format!("detections JSON: {reason}"),
        )
    };
    let value: Value = serde_json::from_str(text).map_err(|e| invalid(e.to_string()))?;
    let items = value
        .as_array()
        .ok_or_else(|| invalid("expected an array of {card, box, confidence, zone}".into()))?;
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let card = item
                .get("card")
                .and_then(Value::as_str)
                .ok_or_else(|| invalid(format!("item {index} has no \"card\" text")))?
                .parse()?;
            let numbers: Vec<f32> = item
                .get("box")
                .and_then(Value::as_array)
                .map(|b| {
                    b.iter()
                        .filter_map(Value::as_f64)
                        .map(|n| n as f32)
                        .collect()
                })
                .unwrap_or_default();
            let bbox: [f32; 4] = numbers
                .try_into()
                .map_err(|_| invalid(format!("item {index}: \"box\" must be 4 numbers")))?;
            let confidence = item
                .get("confidence")
                .and_then(Value::as_f64)
                .ok_or_else(|| invalid(format!("item {index} has no \"confidence\" number")))?
                as f32;
            let zone = item.get("zone").and_then(Value::as_str).map(str::to_owned);
            Ok(Detection {
                card,
                bbox,
                confidence,
                zone,
            })
        })
        .collect()
}

/// The last detect call's detections as a JSON array of
/// `{"card":"As","box":[x,y,w,h],"confidence":0.97,"zone":"board"}` (`zone` null when the
/// whole frame was searched).
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL` and `*out_len` still receives the length; `buffer` may be
/// NULL when `buffer_len` is 0, to ask for the size.
///
/// # Safety
/// `detector` must be a live handle; `buffer` must be NULL or point to `buffer_len`
/// writable bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_detector_last_json(
    detector: *mut ggp_card_detector,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let detector = unsafe { detector_arg(detector) }?;
        let items: Vec<Value> = detector.last.iter().map(detection_json).collect();
        let text = Value::Array(items).to_string();
        // SAFETY: as above.
        unsafe { write_text(&text, buffer, buffer_len, out_len) }
    })
}

/// When the tracker reports a card. A field left 0 takes the default: 5 stable frames, 15
/// absent frames, confidence 0.8.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ggp_card_tracker_options {
    /// Consecutive frames a card must be seen at one place before it is reported.
    pub stable_frames: u32,
    /// Consecutive frames a reported card must be missing before its removal is reported.
    pub absent_frames: u32,
    /// Detections less sure than this are ignored.
    pub min_confidence: f32,
}

/// The temporal card tracker (opaque): detections in, frame by frame; card, duplicate and
/// conflict events out once cards are stable. Zones named "board", "board1", "seat0",
/// "seat1", ..., "muck" place cards (seats counted from 0, like players in a hand).
#[derive(Debug)]
pub struct ggp_card_tracker {
    tracker: Tracker,
    last: Vec<TrackerEvent>,
}

/// Makes a tracker; `options` may be NULL for the defaults. Release it with
/// `ggp_card_tracker_free`.
///
/// # Safety
/// `options` must be NULL or point to a readable `ggp_card_tracker_options`;
/// `out_tracker` must point to a writable `ggp_card_tracker *`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_tracker_new(
    options: *const ggp_card_tracker_options,
    out_tracker: *mut *mut ggp_card_tracker,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let out_tracker = unsafe { out_arg(out_tracker, "out_tracker") }?;
        let mut config = TrackerConfig::default();
        // SAFETY: as above.
        if let Some(options) = unsafe { options.as_ref() } {
            if options.stable_frames > 0 {
                config.stable_frames = options.stable_frames;
            }
            if options.absent_frames > 0 {
                config.absent_frames = options.absent_frames;
            }
            if options.min_confidence > 0.0 {
                config.min_confidence = options.min_confidence;
            }
        }
        *out_tracker = Box::into_raw(Box::new(ggp_card_tracker {
            tracker: Tracker::new(config),
            last: Vec::new(),
        }));
        Ok(())
    })
}

/// Releases a tracker; NULL is a no-op.
///
/// # Safety
/// `tracker` must be NULL or a handle from `ggp_card_tracker_new` not yet released.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_tracker_free(tracker: *mut ggp_card_tracker) {
    if !tracker.is_null() {
        // SAFETY: the caller hands back a handle made by Box::into_raw in _new.
        drop(unsafe { Box::from_raw(tracker) });
    }
}

/// A tracker event as JSON: `{"type":"card", ...card event}`, `{"type":"duplicate",
/// "card","boxes","zones","timestamp_ns"}` or `{"type":"conflict","card","seen","held",
/// "timestamp_ns"}`; places as the core writes `CardLocation`.
pub(crate) fn tracker_event_json(event: &TrackerEvent) -> Value {
    let place = |location: &CardLocation| serde_json::to_value(location).unwrap_or(Value::Null);
    match event {
        TrackerEvent::Card(card) => {
            let mut value = serde_json::to_value(card).unwrap_or(Value::Null);
            if let Value::Object(fields) = &mut value {
                fields.insert("type".to_owned(), json!("card"));
            }
            value
        }
        TrackerEvent::Duplicate {
            card,
            boxes,
            zones,
            timestamp_ns,
        } => json!({
            "type": "duplicate",
            "card": card.to_string(),
            "boxes": boxes,
            "zones": zones,
            "timestamp_ns": timestamp_ns,
        }),
        TrackerEvent::Conflict {
            card,
            seen,
            held,
            timestamp_ns,
        } => json!({
            "type": "conflict",
            "card": card.to_string(),
            "seen": place(seen),
            "held": place(held),
            "timestamp_ns": timestamp_ns,
        }),
    }
}

/// The shared body of the two update calls.
///
/// # Safety
/// `tracker`, `hand` and `out_count` as in `ggp_card_tracker_update_json`.
unsafe fn update(
    tracker: *mut ggp_card_tracker,
    timestamp_ns: i64,
    detections: &[Detection],
    hand: *const ggp_hand,
    out_count: *mut usize,
) -> FfiResult {
    // SAFETY: forwarded from this function's contract.
    let tracker = unsafe { out_arg(tracker, "tracker") }?;
    // SAFETY: as above.
    let out_count = unsafe { out_arg(out_count, "out_count") }?;
    // SAFETY: as above.
    let game = match unsafe { hand.as_ref() } {
        Some(hand) => GameCards::from_state(hand.inner().state()),
        None => GameCards::new(),
    };
    let events = tracker
        .tracker
        .update(timestamp_ns, detections, &game)
        .map_err(|e| FfiError::new(ggp_status::FrameOutOfOrder, e.to_string()))?;
    *out_count = events.len();
    tracker.last = events;
    Ok(())
}

/// Gives the tracker one frame's detections, as a JSON array as
/// `ggp_card_detector_last_json` writes it, taken at `timestamp_ns`. `hand` may be NULL;
/// given, a card stable at a place where the hand does not have it is a conflict event.
/// `*out_count` receives how many events this frame gave; read them with
/// `ggp_card_tracker_events_json`.
///
/// Errors: `GGP_STATUS_FRAME_OUT_OF_ORDER` for a frame older than the last one,
/// `GGP_STATUS_INVALID_ARGUMENT` for JSON that is not detections.
///
/// # Safety
/// `tracker` must be a live handle; `detections_json` must point to `detections_json_len`
/// readable bytes; `hand` must be NULL or a live hand; `out_count` must point to a
/// writable `size_t`; `error` must be NULL or point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_tracker_update_json(
    tracker: *mut ggp_card_tracker,
    timestamp_ns: i64,
    detections_json: *const c_char,
    detections_json_len: usize,
    hand: *const ggp_hand,
    out_count: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let text = unsafe { utf8_arg(detections_json, detections_json_len, "detections_json") }?;
        let detections = detections_from_json(text)?;
        // SAFETY: as above.
        unsafe { update(tracker, timestamp_ns, &detections, hand, out_count) }
    })
}

/// Gives the tracker the detector's last detections, taken at `timestamp_ns`; otherwise
/// as `ggp_card_tracker_update_json`.
///
/// # Safety
/// As for `ggp_card_tracker_update_json`, with `detector` a live handle not used elsewhere
/// at the same time.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_tracker_update_from_detector(
    tracker: *mut ggp_card_tracker,
    timestamp_ns: i64,
    detector: *const ggp_card_detector,
    hand: *const ggp_hand,
    out_count: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let detector = unsafe { detector.as_ref() }.ok_or_else(|| FfiError::null("detector"))?;
        // SAFETY: as above.
        unsafe { update(tracker, timestamp_ns, &detector.last, hand, out_count) }
    })
}

/// The events of the last update, as a JSON array (see `ggp_card_tracker_update_json`):
/// `{"type":"card","timestamp_ns":..,"card":"As","location":{"kind":"board","board":0,
/// "slot":null},"present":true,"source":"vision","confidence":0.93}`,
/// `{"type":"duplicate",...}` or `{"type":"conflict",...}`. A card event can be given to
/// `ggp_hand_feed_apply_card_json` as it is.
///
/// The JSON is written NUL-terminated into `buffer` (`buffer_len` bytes) and its length
/// without the NUL stored in `*out_len`. If it does not fit, the status is
/// `GGP_STATUS_BUFFER_TOO_SMALL` and `*out_len` still receives the length.
///
/// # Safety
/// `tracker` must be a live handle; `buffer` must be NULL or point to `buffer_len`
/// writable bytes; `out_len` must point to a writable `size_t`; `error` must be NULL or
/// point to a writable `ggp_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ggp_card_tracker_events_json(
    tracker: *const ggp_card_tracker,
    buffer: *mut c_char,
    buffer_len: usize,
    out_len: *mut usize,
    error: *mut ggp_error,
) -> ggp_status {
    guard(error, || {
        // SAFETY: forwarded from this function's contract.
        let tracker = unsafe { tracker.as_ref() }.ok_or_else(|| FfiError::null("tracker"))?;
        let items: Vec<Value> = tracker.last.iter().map(tracker_event_json).collect();
        // SAFETY: as above.
        unsafe {
            write_text(
                &Value::Array(items).to_string(),
                buffer,
                buffer_len,
                out_len,
            )
        }
    })
}
