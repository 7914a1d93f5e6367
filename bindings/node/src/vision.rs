//! Card recognition: `CardDetector`, detecting cards in frames given as Buffers on the
//! libuv thread pool (off the event loop). Glue over `ggp_vision::CardDetector`.

use std::sync::{Arc, Mutex};

use ggp_vision::{CardDetector as CoreDetector, Detection as CoreDetection, DetectorConfig};
use ggp_vision::{FrameRef, PixelFormat, VisionError, Zone as CoreZone};
use napi::bindgen_prelude::{AsyncTask, Buffer};
use napi::{Env, JsValue, Status, Task};
use napi_derive::napi;

use crate::{Result, invalid_arg};

/// The error code of a vision error: `GGP_VISION_RUNTIME` (ONNX Runtime missing or
/// unusable), `GGP_VISION_MODEL`, `GGP_INVALID_FRAME` or `GGP_INVALID_ZONE`.
fn code(error: &VisionError) -> &'static str {
    match error {
        VisionError::RuntimeNotFound { .. } | VisionError::RuntimeUnusable { .. } => {
            "GGP_VISION_RUNTIME"
        }
        VisionError::Model { .. } | VisionError::ModelOutput { .. } => "GGP_VISION_MODEL",
        VisionError::InvalidFrame(_) | VisionError::Image { .. } => "GGP_INVALID_FRAME",
        VisionError::InvalidZone { .. } => "GGP_INVALID_ZONE",
    }
}

fn vision_error(error: &VisionError) -> napi::Error<String> {
    napi::Error::new(code(error).to_owned(), error.to_string())
}

/// A named rectangle of the frame searched on its own; names such as "board" and "seat0"
/// also tell a tracker where a card lies.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Zone {
    /// The zone's name.
    pub name: String,
    /// Left edge in pixels.
    pub x: u32,
    /// Top edge in pixels.
    pub y: u32,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// How to make a detector; every field may be left out.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct DetectorOptions {
    /// A detector ONNX model file instead of the shipped one (give both or neither).
    pub detector_model: Option<String>,
    /// A classifier ONNX model file instead of the shipped one.
    pub classifier_model: Option<String>,
    /// Zones to search; none for the whole frame.
    pub zones: Option<Vec<Zone>>,
    /// Threads ONNX Runtime uses in one model run (default: up to 4).
    pub threads: Option<u32>,
    /// Minimum classifier probability for a card to be reported (default 0.5).
    pub min_confidence: Option<f64>,
}

/// The layout of a frame given to `detect`.
#[napi(object)]
#[derive(Debug, Clone, Default)]
pub struct FrameOptions {
    /// "rgba" (the default), "bgra" or "rgb".
    pub format: Option<String>,
    /// Bytes from one row to the next (default: width × bytes a pixel).
    pub stride: Option<u32>,
}

/// One card found in a frame.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Detection {
    /// The card, as text ("As").
    pub card: String,
    /// `[x, y, w, h]` of the card's corner index, in pixels of the frame given.
    #[napi(js_name = "box")]
    pub bbox: Vec<f64>,
    /// How sure the recogniser is, 0 to 1.
    pub confidence: f64,
    /// The zone it was found in, or null when the whole frame was searched.
    pub zone: Option<String>,
}

fn zones(list: Option<Vec<Zone>>) -> Vec<CoreZone> {
    list.unwrap_or_default()
        .into_iter()
        .map(|z| CoreZone {
            name: z.name,
            rect: [z.x, z.y, z.width, z.height],
        })
        .collect()
}

/// Finds and recognizes playing cards in frames. The constructor loads ONNX Runtime on
/// first use (from ORT_DYLIB_PATH, the repository's .venv, or an installed onnxruntime
/// Python module) and throws an error with code `GGP_VISION_RUNTIME` when it is missing.
#[napi]
#[derive(Debug)]
pub struct CardDetector {
    inner: Arc<Mutex<CoreDetector>>,
}

#[napi]
impl CardDetector {
    /// Loads the shipped models, or the two model files given.
    #[napi(constructor)]
    pub fn new(options: Option<DetectorOptions>) -> Result<Self> {
        let options = options.unwrap_or_default();
        let mut config = DetectorConfig {
            zones: zones(options.zones),
            ..DetectorConfig::default()
        };
        if let Some(threads) = options.threads.filter(|&t| t > 0) {
            config.threads = threads as usize;
        }
        if let Some(min) = options.min_confidence {
            // Confidences are 0 to 1: f32 keeps every digit that matters.
            config.min_confidence = min as f32;
        }
        let detector = match (options.detector_model, options.classifier_model) {
            (None, None) => CoreDetector::new(config),
            (Some(d), Some(c)) => CoreDetector::from_model_files(config, d.as_ref(), c.as_ref()),
            _ => {
                return Err(invalid_arg(
                    "give both detectorModel and classifierModel, or neither".to_owned(),
                ));
            }
        };
        Ok(CardDetector {
            inner: Arc::new(Mutex::new(detector.map_err(|e| vision_error(&e))?)),
        })
    }

    /// Replaces the zones searched (an empty list: the whole frame).
    #[napi]
    pub fn set_zones(&self, zones_list: Vec<Zone>) -> Result<()> {
        let mut detector = self
            .inner
            .lock()
            .map_err(|_| invalid_arg("the detector failed in an earlier call".to_owned()))?;
        detector.set_zones(zones(Some(zones_list)));
        Ok(())
    }

    /// Finds the cards in a frame of `width` × `height` pixels held in `pixels` (RGBA
    /// unless `options.format` says "bgra" or "rgb"), on the libuv thread pool. Rejects
    /// with code `GGP_INVALID_FRAME` for a buffer that does not hold the frame,
    /// `GGP_INVALID_ZONE` for a zone outside it.
    #[napi(ts_return_type = "Promise<Array<Detection>>")]
    pub fn detect(
        &self,
        pixels: Buffer,
        width: u32,
        height: u32,
        options: Option<FrameOptions>,
    ) -> Result<AsyncTask<DetectCards>> {
        let options = options.unwrap_or_default();
        let format = match options.format.as_deref().unwrap_or("rgba") {
            "rgba" => PixelFormat::Rgba8,
            "bgra" => PixelFormat::Bgra8,
            "rgb" => PixelFormat::Rgb8,
            other => {
                return Err(invalid_arg(format!(
                    "format must be \"rgba\", \"bgra\" or \"rgb\", not {other:?}"
                )));
            }
        };
        let stride = options
            .stride
            .map_or(width as usize * format.bytes_per_pixel(), |stride| {
                stride as usize
            });
        Ok(AsyncTask::new(DetectCards {
            detector: Arc::clone(&self.inner),
            pixels,
            width,
            height,
            stride,
            format,
        }))
    }
}

/// The work of `detect`, done on the libuv thread pool; the Buffer is kept alive (not
/// copied) until it is done.
pub struct DetectCards {
    detector: Arc<Mutex<CoreDetector>>,
    pixels: Buffer,
    width: u32,
    height: u32,
    stride: usize,
    format: PixelFormat,
}

impl std::fmt::Debug for DetectCards {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DetectCards")
            .field("bytes", &self.pixels.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .field("stride", &self.stride)
            .field("format", &self.format)
            .finish()
    }
}

impl Task for DetectCards {
    type Output = std::result::Result<Vec<CoreDetection>, VisionError>;
    type JsValue = Vec<Detection>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let frame = match FrameRef::new(
            &self.pixels,
            self.width,
            self.height,
            self.stride,
            self.format,
        ) {
            Ok(frame) => frame,
            Err(error) => return Ok(Err(error)),
        };
        let mut detector = self.detector.lock().map_err(|_| {
            napi::Error::new(
                Status::GenericFailure,
                "the detector failed in an earlier call",
            )
        })?;
        Ok(detector.detect(&frame))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        let found = output.map_err(|error| coded_error(&env, &error))?;
        Ok(found
            .into_iter()
            .map(|d| Detection {
                card: d.card.to_string(),
                bbox: d.bbox.iter().map(|&v| f64::from(v)).collect(),
                confidence: f64::from(d.confidence),
                zone: d.zone,
            })
            .collect())
    }
}

/// A JS error with the vision error's `code`, for a promise's rejection.
fn coded_error(env: &Env, error: &VisionError) -> napi::Error {
    let build = || -> napi::Result<napi::Error> {
        let mut js =
            env.create_error(napi::Error::new(Status::GenericFailure, error.to_string()))?;
        js.set("code", code(error))?;
        Ok(napi::Error::from(js.to_unknown()))
    };
    // Creating the error object fails only if the engine is shutting down.
    build().unwrap_or_else(|_| napi::Error::new(Status::GenericFailure, error.to_string()))
}
