//! `CardDetector`: finds and recognizes playing cards in a frame or in configured zones.
//!
//! Two small ONNX models run per frame (see `models/MODEL_CARD.md`): a fully-convolutional
//! detector on the frame downsized to at most 640x360 finds corner indices (centre, height,
//! up direction), then a classifier reads each index from an upright crop cut from the
//! full-resolution frame. The two corners of one card are merged into one detection.

mod decode;
mod preprocess;

use std::path::Path;

use ggp_core::Card;
use ort::session::Session;
use ort::session::builder::GraphOptimizationLevel;
use ort::value::TensorRef;

use crate::detection::Detection;
use crate::error::{Result, VisionError};
use crate::frame::FrameRef;
use crate::runtime;
use decode::{CHANNELS, Corner};
use preprocess::{CROP_H, CROP_W, IndexPose, Region};

/// The detector model shipped with the crate.
pub static DETECTOR_MODEL: &[u8] = include_bytes!("../../models/card_detector.onnx");
/// The classifier model shipped with the crate.
pub static CLASSIFIER_MODEL: &[u8] = include_bytes!("../../models/card_classifier.onnx");

/// Class index of "not a card" in the classifier's output (after the 52 cards).
const BACKGROUND_CLASS: usize = 52;

/// A named rectangle of the frame searched on its own, such as the board or one seat's
/// hole-card camera view in a multi-view frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    /// Name reported in each detection's `zone`.
    pub name: String,
    /// `[x, y, w, h]` in frame pixels; clipped to the frame.
    pub rect: [u32; 4],
}

/// Tuning of a `CardDetector`.
#[derive(Debug, Clone, PartialEq)]
pub struct DetectorConfig {
    /// Zones to search; empty means the whole frame.
    pub zones: Vec<Zone>,
    /// Largest detector input, width and height; frames are downsized to fit.
    pub max_input: (usize, usize),
    /// Minimum heatmap score for a corner index to be read.
    pub peak_threshold: f32,
    /// Minimum classifier probability for a card to be reported.
    pub min_confidence: f32,
    /// Most corner indices read per zone.
    pub max_corners: usize,
    /// Threads ONNX Runtime uses inside one model run.
    pub threads: usize,
}

impl Default for DetectorConfig {
    fn default() -> Self {
        DetectorConfig {
            zones: Vec::new(),
            max_input: (640, 360),
            peak_threshold: 0.3,
            min_confidence: 0.5,
            max_corners: 64,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get().min(4)),
        }
    }
}

/// Detects and recognizes cards; holds the two model sessions.
///
/// ```no_run
/// use ggp_vision::{CardDetector, DetectorConfig};
/// let mut detector = CardDetector::new(DetectorConfig::default())?;
/// let image = ggp_vision::image_io::read_image("table.jpg".as_ref())?;
/// for card in detector.detect(&image.as_frame()?)? {
///     println!("{} at {:?} ({:.2})", card.card, card.bbox, card.confidence);
/// }
/// # Ok::<(), ggp_vision::VisionError>(())
/// ```
#[derive(Debug)]
pub struct CardDetector {
    config: DetectorConfig,
    detector: Session,
    classifier: Session,
    crops: Vec<f32>,
}

impl CardDetector {
    /// Loads ONNX Runtime (on first use) and the models shipped with the crate.
    pub fn new(config: DetectorConfig) -> Result<CardDetector> {
        Self::from_models(config, DETECTOR_MODEL, CLASSIFIER_MODEL)
    }

    /// Loads models from files instead of the shipped ones (for retrained models).
    pub fn from_model_files(
        config: DetectorConfig,
        detector: &Path,
        classifier: &Path,
    ) -> Result<CardDetector> {
        let read = |path: &Path| {
            std::fs::read(path).map_err(|error| VisionError::Model {
                model: "file",
                reason: format!("{}: {error}", path.display()),
            })
        };
        Self::from_models(config, &read(detector)?, &read(classifier)?)
    }

    /// Loads models given as ONNX bytes.
    pub fn from_models(
        config: DetectorConfig,
        detector: &[u8],
        classifier: &[u8],
    ) -> Result<CardDetector> {
        let environment = runtime::environment()?;
        let session = |model: &'static str, bytes: &[u8]| -> Result<Session> {
            let failed = |reason: String| VisionError::Model { model, reason };
            Session::builder(environment)
                .map_err(|error| failed(error.to_string()))?
                .with_optimization_level(GraphOptimizationLevel::All)
                .map_err(|error| failed(error.to_string()))?
                .with_intra_threads(config.threads.max(1))
                .map_err(|error| failed(error.to_string()))?
                .with_inter_threads(1)
                .map_err(|error| failed(error.to_string()))?
                .commit_from_memory(bytes)
                .map_err(|error| failed(error.to_string()))
        };
        Ok(CardDetector {
            detector: session("detector", detector)?,
            classifier: session("classifier", classifier)?,
            config,
            crops: Vec::new(),
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &DetectorConfig {
        &self.config
    }

    /// Replaces the zones searched (for example when a camera view is re-framed).
    pub fn set_zones(&mut self, zones: Vec<Zone>) {
        self.config.zones = zones;
    }

    /// Finds the cards in `frame` (in each configured zone, or in the whole frame).
    ///
    /// Boxes are in pixels of `frame`. A zone outside the frame is an error.
    pub fn detect(&mut self, frame: &FrameRef<'_>) -> Result<Vec<Detection>> {
        let regions = self.regions(frame)?;
        let mut detections = Vec::new();
        for (zone, region) in regions {
            let corners = self.read_corners(frame, region)?;
            for (card, bbox, confidence) in decode::group_corners(&corners) {
                detections.push(Detection {
                    card,
                    bbox,
                    confidence,
                    zone: zone.clone(),
                });
            }
        }
        Ok(detections)
    }

    fn regions(&self, frame: &FrameRef<'_>) -> Result<Vec<(Option<String>, Region)>> {
        let (width, height) = (frame.width(), frame.height());
        if self.config.zones.is_empty() {
            let whole = Region {
                x: 0,
                y: 0,
                width,
                height,
            };
            return Ok(vec![(None, whole)]);
        }
        self.config
            .zones
            .iter()
            .map(|zone| {
                let [x, y, w, h] = zone.rect;
                let x1 = x.saturating_add(w).min(width);
                let y1 = y.saturating_add(h).min(height);
                if x >= x1 || y >= y1 {
                    return Err(VisionError::InvalidZone {
                        name: zone.name.clone(),
                        rect: zone.rect,
                        width,
                        height,
                    });
                }
                let region = Region {
                    x,
                    y,
                    width: x1 - x,
                    height: y1 - y,
                };
                Ok((Some(zone.name.clone()), region))
            })
            .collect()
    }

    /// Runs the detector on one region and the classifier on every corner it finds.
    fn read_corners(&mut self, frame: &FrameRef<'_>, region: Region) -> Result<Vec<Corner>> {
        let (max_w, max_h) = self.config.max_input;
        let input = preprocess::detector_input(frame, region, max_w, max_h);
        let shape = [1usize, 3, input.height, input.width];
        let tensor =
            TensorRef::from_array_view((shape, input.planes.as_slice())).map_err(|error| {
                VisionError::Model {
                    model: "detector",
                    reason: error.to_string(),
                }
            })?;
        let outputs =
            self.detector
                .run(ort::inputs![tensor])
                .map_err(|error| VisionError::Model {
                    model: "detector",
                    reason: error.to_string(),
                })?;
        let (out_shape, maps) =
            outputs[0]
                .try_extract_tensor::<f32>()
                .map_err(|error| VisionError::Model {
                    model: "detector",
                    reason: error.to_string(),
                })?;
        let dims: Vec<i64> = out_shape.iter().copied().collect();
        if dims.len() != 4 || dims[0] != 1 || dims[1] != CHANNELS as i64 {
            return Err(VisionError::ModelOutput {
                model: "detector",
                shape: dims,
                expected: "[1, 6, h/8, w/8]",
            });
        }
        let (grid_h, grid_w) = (dims[2] as usize, dims[3] as usize);
        let found = decode::peaks(
            maps,
            grid_w,
            grid_h,
            self.config.peak_threshold,
            self.config.max_corners,
        );
        drop(outputs);
        // Detector pixels -> frame pixels.
        let poses: Vec<IndexPose> = found
            .into_iter()
            .map(|(_, pose)| IndexPose {
                centre: [
                    region.x as f32 + pose.centre[0] / input.scale,
                    region.y as f32 + pose.centre[1] / input.scale,
                ],
                height: pose.height / input.scale,
                angle: pose.angle,
            })
            .collect();
        self.classify(frame, &poses)
    }

    fn classify(&mut self, frame: &FrameRef<'_>, poses: &[IndexPose]) -> Result<Vec<Corner>> {
        if poses.is_empty() {
            return Ok(Vec::new());
        }
        let crop_len = 3 * CROP_W * CROP_H;
        self.crops.clear();
        self.crops.resize(poses.len() * crop_len, 0.0);
        for (pose, crop) in poses.iter().zip(self.crops.chunks_exact_mut(crop_len)) {
            preprocess::crop_index(frame, *pose, crop);
        }
        let failed = |error: ort::Error| VisionError::Model {
            model: "classifier",
            reason: error.to_string(),
        };
        let shape = [poses.len(), 3, CROP_H, CROP_W];
        let tensor = TensorRef::from_array_view((shape, self.crops.as_slice())).map_err(failed)?;
        let outputs = self.classifier.run(ort::inputs![tensor]).map_err(failed)?;
        let (out_shape, probs) = outputs[0].try_extract_tensor::<f32>().map_err(failed)?;
        let dims: Vec<i64> = out_shape.iter().copied().collect();
        let classes = BACKGROUND_CLASS + 1;
        if dims != [poses.len() as i64, classes as i64] {
            return Err(VisionError::ModelOutput {
                model: "classifier",
                shape: dims,
                expected: "[n, 53]",
            });
        }
        let mut corners = Vec::new();
        for (pose, row) in poses.iter().zip(probs.chunks_exact(classes)) {
            let (best, &confidence) = row
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .unwrap_or((BACKGROUND_CLASS, &0.0));
            if best == BACKGROUND_CLASS || confidence < self.config.min_confidence {
                continue;
            }
            // best < 52 here, so the index is a valid card.
            let Ok(card) = Card::from_index(best as u32) else {
                continue;
            };
            corners.push(Corner {
                card,
                confidence,
                pose: *pose,
            });
        }
        Ok(corners)
    }
}
