//! Card recognition: `CardDetector` over NumPy frames (no copy, GIL released) and the
//! `CardTracker`. Glue only: every call goes to `ggp_vision`.

use ggp_core::feed::CardLocation;
use ggp_vision::tracker::{GameCards, Tracker, TrackerConfig, TrackerEvent};
use ggp_vision::{
    CardDetector, Detection, DetectorConfig, FrameRef, PixelFormat, VisionError as CoreError, Zone,
};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::{GgpError, PyCard, PyHand, serialized};

create_exception!(
    ggp,
    VisionError,
    GgpError,
    "Card recognition failed; `code` says why (\"vision_runtime\", \"vision_model\", \
     \"invalid_frame\", \"invalid_zone\", \"frame_out_of_order\")."
);
create_exception!(
    ggp,
    VisionRuntimeError,
    VisionError,
    "ONNX Runtime was not found or cannot be used (code \"vision_runtime\"); the message \
     says where it was searched and how to install it (pip install onnxruntime==1.31.1)."
);

fn vision_err(py: Python<'_>, error: &CoreError) -> PyErr {
    let code = match error {
        CoreError::RuntimeNotFound { .. } | CoreError::RuntimeUnusable { .. } => "vision_runtime",
        CoreError::Model { .. } | CoreError::ModelOutput { .. } => "vision_model",
        CoreError::InvalidFrame(_) | CoreError::Image { .. } => "invalid_frame",
        CoreError::InvalidZone { .. } => "invalid_zone",
    };
    let py_err = if code == "vision_runtime" {
        PyErr::new::<VisionRuntimeError, _>(error.to_string())
    } else {
        PyErr::new::<VisionError, _>(error.to_string())
    };
    // Setting an attribute on a fresh exception cannot fail short of memory exhaustion.
    let _ = py_err.value(py).setattr("code", code);
    py_err
}

/// One card found in a frame.
#[pyclass(frozen, module = "ggp", name = "Detection")]
#[derive(Debug, Clone)]
pub(crate) struct PyDetection(Detection);

#[pymethods]
impl PyDetection {
    /// A detection, for feeding a tracker from another detector.
    #[new]
    #[pyo3(signature = (card, box_xywh, confidence, zone = None))]
    fn new(
        py: Python<'_>,
        card: &str,
        box_xywh: (f32, f32, f32, f32),
        confidence: f32,
        zone: Option<String>,
    ) -> PyResult<Self> {
        let card = crate::OrRaise::or_raise(ggp_core::Card::parse(card), py)?;
        let (x, y, w, h) = box_xywh;
        Ok(PyDetection(Detection {
            card,
            bbox: [x, y, w, h],
            confidence,
            zone,
        }))
    }

    /// The card.
    #[getter]
    fn card(&self) -> PyCard {
        PyCard(self.0.card)
    }

    /// (x, y, w, h) of the card's corner index, in pixels of the frame given.
    #[getter(box_xywh)]
    fn bbox(&self) -> (f32, f32, f32, f32) {
        let [x, y, w, h] = self.0.bbox;
        (x, y, w, h)
    }

    /// How sure the recogniser is, 0 to 1.
    #[getter]
    fn confidence(&self) -> f32 {
        self.0.confidence
    }

    /// The zone it was found in, or None when the whole frame was searched.
    #[getter]
    fn zone(&self) -> Option<String> {
        self.0.zone.clone()
    }

    fn __repr__(&self) -> String {
        format!(
            "Detection(card='{}', box_xywh={:?}, confidence={:.3}, zone={:?})",
            self.0.card, self.0.bbox, self.0.confidence, self.0.zone
        )
    }
}

/// A frame borrowed from a NumPy array (or anything with `__array_interface__`): its
/// address, size and layout. The array object is kept alive by the caller's reference.
struct ArrayFrame {
    address: usize,
    len: usize,
    width: u32,
    height: u32,
    stride: usize,
    format: PixelFormat,
}

/// Reads an (H, W, 3) or (H, W, 4) uint8 array's memory layout; an array whose pixels
/// are not packed within rows is first made contiguous (a copy) by NumPy.
fn array_frame<'py>(
    frame: &Bound<'py, PyAny>,
    bgra: bool,
) -> PyResult<(Bound<'py, PyAny>, ArrayFrame)> {
    let py = frame.py();
    let interface = |array: &Bound<'py, PyAny>| -> PyResult<Bound<'py, PyDict>> {
        Ok(array
            .getattr("__array_interface__")
            .map_err(|_| PyTypeError::new_err("frame must be a NumPy array of uint8"))?
            .cast_into::<PyDict>()?)
    };
    let get = |dict: &Bound<'py, PyDict>, key: &str| -> PyResult<Bound<'py, PyAny>> {
        dict.get_item(key)?
            .ok_or_else(|| PyTypeError::new_err(format!("__array_interface__ lacks {key:?}")))
    };
    let mut array = frame.clone();
    let mut info = interface(&array)?;
    let typestr: String = get(&info, "typestr")?.extract()?;
    if typestr != "|u1" {
        return Err(PyTypeError::new_err(format!(
            "frame must be uint8, not {typestr:?}"
        )));
    }
    let shape: Vec<usize> = get(&info, "shape")?.extract()?;
    let [height, width, channels] = shape[..] else {
        return Err(PyValueError::new_err(format!(
            "frame must have shape (height, width, 3 or 4), not {shape:?}"
        )));
    };
    let format = match (channels, bgra) {
        (3, false) => PixelFormat::Rgb8,
        (4, false) => PixelFormat::Rgba8,
        (4, true) => PixelFormat::Bgra8,
        _ => {
            return Err(PyValueError::new_err(format!(
                "frame has {channels} channels; RGB needs 3, RGBA 4, BGRA 4"
            )));
        }
    };
    let strides: Option<Vec<isize>> = get(&info, "strides")?.extract()?;
    let packed = match &strides {
        None => true,
        Some(s) => s.len() == 3 && s[0] > 0 && s[1] == channels as isize && s[2] == 1,
    };
    if !packed {
        array = py
            .import("numpy")?
            .call_method1("ascontiguousarray", (&array,))?;
        info = interface(&array)?;
    }
    let strides: Option<Vec<isize>> = get(&info, "strides")?.extract()?;
    let stride = match strides {
        Some(s) => s[0].unsigned_abs(),
        None => width * channels,
    };
    let (address, _readonly): (usize, bool) = get(&info, "data")?.extract()?;
    let len = if height == 0 {
        0
    } else {
        stride * (height - 1) + width * channels
    };
    let too_big = |what: &str| PyValueError::new_err(format!("frame {what} is too large"));
    let frame = ArrayFrame {
        address,
        len,
        width: u32::try_from(width).map_err(|_| too_big("width"))?,
        height: u32::try_from(height).map_err(|_| too_big("height"))?,
        stride,
        format,
    };
    Ok((array, frame))
}

/// Zones as Python gives them: (name, (x, y, w, h)) each.
type ZoneList = Vec<(String, (u32, u32, u32, u32))>;

fn zone_list(zones: Option<ZoneList>) -> Vec<Zone> {
    zones
        .unwrap_or_default()
        .into_iter()
        .map(|(name, (x, y, w, h))| Zone {
            name,
            rect: [x, y, w, h],
        })
        .collect()
}

/// Finds and recognizes playing cards in frames. Loads ONNX Runtime on first use (from
/// ORT_DYLIB_PATH, the repository's .venv, or an installed onnxruntime module) and the
/// models shipped with the SDK, or the two model files given. Raises VisionRuntimeError
/// when ONNX Runtime is missing.
#[pyclass(module = "ggp", name = "CardDetector")]
#[derive(Debug)]
struct PyCardDetector(CardDetector);

#[pymethods]
impl PyCardDetector {
    #[new]
    #[pyo3(signature = (
        *,
        detector_model = None,
        classifier_model = None,
        zones = None,
        threads = 0,
        min_confidence = None,
        peak_threshold = None,
    ))]
    fn new(
        py: Python<'_>,
        detector_model: Option<std::path::PathBuf>,
        classifier_model: Option<std::path::PathBuf>,
        zones: Option<ZoneList>,
        threads: usize,
        min_confidence: Option<f32>,
        peak_threshold: Option<f32>,
    ) -> PyResult<Self> {
        let mut config = DetectorConfig {
            zones: zone_list(zones),
            ..DetectorConfig::default()
        };
        if threads > 0 {
            config.threads = threads;
        }
        if let Some(value) = min_confidence {
            config.min_confidence = value;
        }
        if let Some(value) = peak_threshold {
            config.peak_threshold = value;
        }
        let detector = match (detector_model, classifier_model) {
            (None, None) => py.detach(|| CardDetector::new(config)),
            (Some(detector), Some(classifier)) => {
                py.detach(|| CardDetector::from_model_files(config, &detector, &classifier))
            }
            _ => {
                return Err(PyValueError::new_err(
                    "give both detector_model and classifier_model, or neither",
                ));
            }
        };
        detector
            .map(PyCardDetector)
            .map_err(|error| vision_err(py, &error))
    }

    /// Replaces the zones searched: a list of (name, (x, y, w, h)); empty for the whole
    /// frame. Names such as "board" and "seat0" also place cards for the tracker.
    fn set_zones(&mut self, zones: ZoneList) {
        self.0.set_zones(zone_list(Some(zones)));
    }

    /// Finds the cards in `frame`, an (H, W, 3) RGB or (H, W, 4) RGBA uint8 NumPy array
    /// (BGRA with bgra=True), read in place; the GIL is released while it runs.
    #[pyo3(signature = (frame, *, bgra = false))]
    fn detect(
        &mut self,
        py: Python<'_>,
        frame: &Bound<'_, PyAny>,
        bgra: bool,
    ) -> PyResult<Vec<PyDetection>> {
        // `_array` keeps the memory alive (and is the contiguous copy if one was made).
        let (_array, view) = array_frame(frame, bgra)?;
        let detector = &mut self.0;
        let result = py.detach(|| {
            let data: &[u8] = if view.len == 0 {
                &[]
            } else {
                // SAFETY: NumPy's __array_interface__ says `len` bytes from `address`
                // belong to the array, which `_array` keeps alive for this call. A Python
                // thread writing to it meanwhile changes pixels, not the memory's extent.
                unsafe { std::slice::from_raw_parts(view.address as *const u8, view.len) }
            };
            let frame = FrameRef::new(data, view.width, view.height, view.stride, view.format)?;
            detector.detect(&frame)
        });
        result
            .map(|found| found.into_iter().map(PyDetection).collect())
            .map_err(|error| vision_err(py, &error))
    }

    fn __repr__(&self) -> String {
        format!("CardDetector(zones={})", self.0.config().zones.len())
    }
}

fn place<'py>(py: Python<'py>, location: &CardLocation) -> PyResult<Bound<'py, PyAny>> {
    serialized(py, location)
}

/// A tracker event as a dict: {"type": "card", ...card event}, {"type": "duplicate", ...}
/// or {"type": "conflict", ...}.
fn event_dict<'py>(py: Python<'py>, event: &TrackerEvent) -> PyResult<Bound<'py, PyAny>> {
    match event {
        TrackerEvent::Card(card) => {
            let value = serialized(py, card)?;
            value.set_item("type", "card")?;
            Ok(value)
        }
        TrackerEvent::Duplicate {
            card,
            boxes,
            zones,
            timestamp_ns,
        } => {
            let dict = PyDict::new(py);
            dict.set_item("type", "duplicate")?;
            dict.set_item("card", card.to_string())?;
            let boxes: Vec<Bound<'py, PyTuple>> = boxes
                .iter()
                .map(|b| PyTuple::new(py, b))
                .collect::<PyResult<_>>()?;
            dict.set_item("boxes", boxes)?;
            dict.set_item("zones", zones.clone())?;
            dict.set_item("timestamp_ns", timestamp_ns)?;
            Ok(dict.into_any())
        }
        TrackerEvent::Conflict {
            card,
            seen,
            held,
            timestamp_ns,
        } => {
            let dict = PyDict::new(py);
            dict.set_item("type", "conflict")?;
            dict.set_item("card", card.to_string())?;
            dict.set_item("seen", place(py, seen)?)?;
            dict.set_item("held", place(py, held)?)?;
            dict.set_item("timestamp_ns", timestamp_ns)?;
            Ok(dict.into_any())
        }
    }
}

/// Follows detections over frames: a card is reported once it has been seen at one place
/// for `stable_frames` frames, and gone after `absent_frames`; a card seen twice at once,
/// or where the hand has it elsewhere, is its own event, never a guess. Zones named
/// "board", "seat0", "seat1", ..., "muck" place cards (seats counted from 0).
#[pyclass(module = "ggp", name = "CardTracker")]
#[derive(Debug)]
struct PyCardTracker(Tracker);

#[pymethods]
impl PyCardTracker {
    #[new]
    #[pyo3(signature = (*, stable_frames = 5, absent_frames = 15, min_confidence = 0.8))]
    fn new(stable_frames: u32, absent_frames: u32, min_confidence: f32) -> Self {
        PyCardTracker(Tracker::new(TrackerConfig {
            stable_frames,
            absent_frames,
            min_confidence,
            ..TrackerConfig::default()
        }))
    }

    /// Takes one frame's detections, taken at `timestamp_ns`; returns the events as dicts
    /// ({"type": "card"|"duplicate"|"conflict", ...}). With `hand`, a card stable where
    /// the hand has it elsewhere is a conflict. A frame older than the last raises
    /// VisionError (code "frame_out_of_order").
    #[pyo3(signature = (timestamp_ns, detections, hand = None))]
    fn update<'py>(
        &mut self,
        py: Python<'py>,
        timestamp_ns: i64,
        detections: Vec<PyRef<'py, PyDetection>>,
        hand: Option<PyRef<'py, PyHand>>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        let detections: Vec<Detection> = detections.iter().map(|d| d.0.clone()).collect();
        let game = hand.map_or_else(GameCards::new, |h| GameCards::from_state(h.0.state()));
        let events = self
            .0
            .update(timestamp_ns, &detections, &game)
            .map_err(|error| {
                let py_err = PyErr::new::<VisionError, _>(error.to_string());
                let _ = py_err.value(py).setattr("code", "frame_out_of_order");
                py_err
            })?;
        events.iter().map(|event| event_dict(py, event)).collect()
    }

    fn __repr__(&self) -> String {
        "CardTracker()".to_owned()
    }
}

/// Adds the recognition classes and exceptions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyDetection>()?;
    m.add_class::<PyCardDetector>()?;
    m.add_class::<PyCardTracker>()?;
    let class = py.get_type::<VisionError>();
    class.setattr("code", "vision")?;
    m.add("VisionError", class)?;
    let class = py.get_type::<VisionRuntimeError>();
    class.setattr("code", "vision_runtime")?;
    m.add("VisionRuntimeError", class)?;
    Ok(())
}
