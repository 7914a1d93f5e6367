//! Pipeline settings as a document: one schema read from TOML or JSON, so an app, a C
//! host or a script describes a whole broadcast in text and the bindings only pass that
//! text through.
//!
//! The schema, with every default (`examples/data/pipeline.toml` is a working file):
//!
//! ```toml
//! skin = "my-skin.toml"    # a ggp-render skin; default: the bundled broadcast skin
//! graphics = "skin"        # "skin" (GPU, wgpu) or "basic" (a plain software overlay)
//! queue_capacity = 8       # frames held between two threads
//!
//! [source]
//! kind = "file"            # file | url | device | images | test_pattern | lavfi
//! path = "in.mp4"          # file: the media file; images: "frames/%05d.png"; device: "/dev/video0"
//! url = "srt://host:9000"  # url: rtmp://, rtsp://, srt://, udp://, http(s):// (HLS)
//! graph = "..."            # lavfi: an FFmpeg filter graph with [out0] (and [out1] audio)
//! width = 1920             # output size, default 1920x1080 (test_pattern: the size made)
//! height = 1080
//! fps = 30                 # images and test_pattern
//! duration_s = 10.0        # test_pattern
//! tone_hz = 440            # test_pattern: the tone's pitch; 0 is silent
//!
//! [outputs]                # several per feed, all from one encode
//! program = ["out/program.mp4", "rtmp://live.example.com/app/KEY"]
//! live = ["out/live.mkv", "srt://ingest:9000", "udp://239.0.0.1:1234", "out/hls/index.m3u8"]
//!
//! [encoder]
//! codec = "h264"           # h264 | hevc | any FFmpeg encoder name (h264_nvenc, ...)
//! preset = "veryfast"
//! crf = 23
//! hardware = "off"         # "auto": the first hardware encoder of the codec that opens
//! gop = 0                  # frames between keyframes; 0: two seconds
//! threads = 0              # 0: the encoder's choice
//!
//! [delay]                  # the program's secure delay
//! seconds = 0.0
//! memory_limit_mb = 1024   # then encrypted segments on disk
//! spill_dir = "/tmp"       # default: the system's temporary directory
//! shrink_rate = 0.25       # delay removed per second of program when lowered
//!
//! [hands]                  # hand histories laid on the video
//! files = ["examples/data/six_max.phh"]   # .phh or .phhs
//! start_s = 1.0            # when the first hand starts
//! pace_s = 1.0             # one action every pace_s seconds
//!
//! [key_fill]               # the program's graphics alone, for a keyer
//! key = ["out/key.mp4"]    # alpha as luma; destinations as in [outputs]
//! fill = ["out/fill.mp4"]  # colour premultiplied by alpha
//!
//! [frames]                 # how an app's raw-frame callback is fed, once set
//! live = true
//! program = true
//! pixels = "rgba"          # rgba | yuv420p
//! queue = 4                # frames queued for the app
//! policy = "drop"          # drop (a slow app loses frames) | block (the pipeline waits)
//!
//! [equity]                 # shown on the program output
//! mode = "exact"           # exact | monte_carlo | best_within | off
//! samples = 100000         # monte_carlo
//! seed = 1                 # monte_carlo, best_within
//! budget_ms = 50           # best_within
//! outs = true
//! threads = 0              # 0: all cores
//! ```
//!
//! An output is a file (`.mp4`, `.m4v`, `.mov`, `.mkv`), an `rtmp://`, `rtmps://`,
//! `srt://` or `udp://` URL, or a path ending in `.m3u8` for HLS into that directory.
//! Relative paths are relative to the process's working directory. JSON takes the same
//! keys: `{"source": {"kind": "test_pattern"}, "outputs": {"program": ["p.mp4"]}}`.
//!
//! Every error names the field by its path (`encoder.crf`, `outputs.live[1]`) and, for a
//! TOML or JSON syntax or type error, the line.
//!
//! ```no_run
//! use ggp_stream::config::{PipelineSettings, SettingsFormat};
//! let text = r#"
//!     [source]
//!     kind = "test_pattern"
//!     duration_s = 2.0
//!     [outputs]
//!     program = ["program.mp4"]
//!     live = ["live.mp4"]
//! "#;
//! let settings = PipelineSettings::parse(text, SettingsFormat::Toml)?;
//! let report = settings.start()?.wait()?;
//! println!("{} frames", report.stats.program_frames_out);
//! # Ok::<(), ggp_stream::StreamError>(())
//! ```

use std::path::{Path, PathBuf};
use std::time::Duration;

use ggp_core::equity::EquityMode;
use ggp_core::equity::live::EquityOptions;
use ggp_core::phh::{PhhHand, parse_phhs};
use ggp_core::view::TableInfo;
use serde::{Deserialize, Serialize};

use crate::StreamError;
use crate::delay::DelayConfig;
use crate::encode::{VideoCodec, VideoEncoderConfig, available_hardware_encoders};
use crate::output::{
    Destination, Fanout, FileOutput, FrameCallback, FramePixels, FrameSink, KeyFillSink,
    NetworkConfig, NetworkOutput, PacketOutput, QueuePolicy, StreamSpec,
};
use crate::overlay::{BasicOverlay, SkinOverlay};
use crate::pipeline::{LiveOutput, OutputFactory, Pipeline, PipelineConfig, ProgramOutput};
use crate::source::SourceKind;
use crate::taps::Sinks;
use crate::timeline::HandScript;

const SECOND_NS: f64 = 1e9;

/// The text format of a settings document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsFormat {
    /// TOML.
    Toml,
    /// JSON.
    Json,
}

impl SettingsFormat {
    /// "toml" or "json" (any case), as the bindings pass it.
    pub fn from_name(name: &str) -> Result<Self, StreamError> {
        match name.to_ascii_lowercase().as_str() {
            "toml" => Ok(Self::Toml),
            "json" => Ok(Self::Json),
            other => Err(StreamError::Settings {
                field: "format".into(),
                line: None,
                reason: format!("unknown settings format {other:?}; expected \"toml\" or \"json\""),
            }),
        }
    }

    /// Guesses from the first non-blank character: `{` is JSON, anything else TOML.
    pub fn detect(text: &str) -> Self {
        if text.trim_start().starts_with('{') {
            Self::Json
        } else {
            Self::Toml
        }
    }
}

/// A whole pipeline described as data. See the [module documentation](self) for the
/// schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PipelineSettings {
    /// Where the video comes from, and the output size.
    pub source: SourceSettings,
    /// A skin file; `None`: the bundled default skin.
    #[serde(default)]
    pub skin: Option<PathBuf>,
    /// How the graphics are drawn.
    #[serde(default)]
    pub graphics: GraphicsKind,
    /// Frames held between two threads of the pipeline.
    #[serde(default = "default_queue_capacity")]
    pub queue_capacity: usize,
    /// The destinations of the two feeds.
    #[serde(default)]
    pub outputs: OutputSettings,
    /// The video encoder of every output.
    #[serde(default)]
    pub encoder: EncoderSettings,
    /// The program's secure delay.
    #[serde(default)]
    pub delay: DelaySettings,
    /// Hand histories laid on the video.
    #[serde(default)]
    pub hands: HandSettings,
    /// Equity shown on the program output.
    #[serde(default)]
    pub equity: EquitySettings,
    /// The program's graphics alone, as key and fill.
    #[serde(default)]
    pub key_fill: Option<KeyFillSettings>,
    /// How raw frames reach an app's callback, once one is set.
    #[serde(default)]
    pub frames: FrameSettings,
}

/// `[key_fill]`: the program's graphics as two synchronised feeds for a keyer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFillSettings {
    /// Where the key (alpha as luma) goes; outputs as in `[outputs]`.
    pub key: Vec<String>,
    /// Where the fill (premultiplied colour) goes.
    pub fill: Vec<String>,
}

/// The pixel layout of `[frames]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PixelsName {
    /// One RGBA plane.
    #[default]
    Rgba,
    /// The pipeline's Y, U, V planes.
    Yuv420p,
}

/// The queue policy of `[frames]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyName {
    /// Drop frames for the app when it is slow (live use).
    #[default]
    Drop,
    /// Make the pipeline wait for the app (file processing).
    Block,
}

/// `[frames]`: how the raw-frame callback is fed (see [`FrameSink`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FrameSettings {
    /// Deliver the live feed.
    pub live: bool,
    /// Deliver the program feed.
    pub program: bool,
    /// "rgba" or "yuv420p".
    pub pixels: PixelsName,
    /// Frames queued for the app.
    pub queue: usize,
    /// "drop" or "block".
    pub policy: PolicyName,
}

impl Default for FrameSettings {
    fn default() -> Self {
        FrameSettings {
            live: true,
            program: true,
            pixels: PixelsName::Rgba,
            queue: 4,
            policy: PolicyName::Drop,
        }
    }
}

impl FrameSettings {
    /// A frame sink with these settings calling `callback`.
    pub fn sink(&self, callback: FrameCallback) -> FrameSink {
        FrameSink {
            live: self.live,
            program: self.program,
            pixels: match self.pixels {
                PixelsName::Rgba => FramePixels::Rgba,
                PixelsName::Yuv420p => FramePixels::Yuv420p,
            },
            queue_capacity: self.queue.max(1),
            policy: match self.policy {
                PolicyName::Drop => QueuePolicy::Drop,
                PolicyName::Block => QueuePolicy::Block,
            },
            callback,
        }
    }
}

fn default_queue_capacity() -> usize {
    8
}

/// What kind of source `[source]` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKindName {
    /// A media file (`path`).
    File,
    /// A network input (`url`).
    Url,
    /// A V4L2 capture device (`path`).
    Device,
    /// Numbered images (`path` is the printf pattern, `fps`).
    Images,
    /// FFmpeg's `testsrc2` with a tone (`width`, `height`, `fps`, `duration_s`, `tone_hz`).
    TestPattern,
    /// An FFmpeg filter graph (`graph`).
    Lavfi,
}

/// `[source]`: where the video comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSettings {
    /// The kind of source.
    pub kind: SourceKindName,
    /// The file, image pattern or device node.
    #[serde(default)]
    pub path: Option<String>,
    /// The network input.
    #[serde(default)]
    pub url: Option<String>,
    /// The filter graph of a lavfi source.
    #[serde(default)]
    pub graph: Option<String>,
    /// Output width in pixels (default 1920).
    #[serde(default)]
    pub width: Option<u32>,
    /// Output height in pixels (default 1080).
    #[serde(default)]
    pub height: Option<u32>,
    /// Frames per second of images and the test pattern (default 30).
    #[serde(default)]
    pub fps: Option<u32>,
    /// Length of the test pattern in seconds (default 10).
    #[serde(default)]
    pub duration_s: Option<f64>,
    /// The test pattern's tone in Hz (default 440; 0: no audio).
    #[serde(default)]
    pub tone_hz: Option<u32>,
}

/// How the graphics are drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GraphicsKind {
    /// The skin, drawn by ggp-render on the GPU (lavapipe where there is none).
    #[default]
    Skin,
    /// Plain seat panels and cards drawn in software: no GPU, for tests and headless hosts.
    Basic,
}

/// `[outputs]`: each feed's destinations, all fed from one encode.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSettings {
    /// The program feed (everything shown, after the delay).
    #[serde(default)]
    pub program: Vec<String>,
    /// The live feed (the public view, at once).
    #[serde(default)]
    pub live: Vec<String>,
}

/// Whether to look for a hardware encoder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HardwareChoice {
    /// Software encoders only.
    #[default]
    Off,
    /// The first hardware encoder of the codec that opens on this machine, else software.
    Auto,
}

/// `[encoder]`: the video encoder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EncoderSettings {
    /// "h264", "hevc", or an FFmpeg encoder name.
    pub codec: String,
    /// x264/x265 preset.
    pub preset: String,
    /// Constant rate factor.
    pub crf: u32,
    /// Hardware encoders: "off" or "auto".
    pub hardware: HardwareChoice,
    /// Frames between keyframes (0: two seconds).
    pub gop: u32,
    /// Encoder threads (0: the encoder's choice).
    pub threads: usize,
}

impl Default for EncoderSettings {
    fn default() -> Self {
        EncoderSettings {
            codec: "h264".into(),
            preset: "veryfast".into(),
            crf: 23,
            hardware: HardwareChoice::Off,
            gop: 0,
            threads: 0,
        }
    }
}

/// `[delay]`: the program's secure delay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DelaySettings {
    /// The delay in seconds.
    pub seconds: f64,
    /// Megabytes held in memory before spilling encrypted segments to disk.
    pub memory_limit_mb: u64,
    /// Where the segments go (default: the system's temporary directory).
    pub spill_dir: Option<PathBuf>,
    /// Delay removed per second of program while shrinking.
    pub shrink_rate: f64,
}

impl Default for DelaySettings {
    fn default() -> Self {
        DelaySettings {
            seconds: 0.0,
            memory_limit_mb: 1024,
            spill_dir: None,
            shrink_rate: 0.25,
        }
    }
}

/// `[hands]`: hand histories laid on the video at a pace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HandSettings {
    /// `.phh` or `.phhs` files, played one after another.
    pub files: Vec<PathBuf>,
    /// When the first hand starts, in seconds of video.
    pub start_s: f64,
    /// Seconds between two actions (hole cards of the first round are dealt together);
    /// the next hand starts two steps after the last action of the one before.
    pub pace_s: f64,
}

impl Default for HandSettings {
    fn default() -> Self {
        HandSettings {
            files: Vec::new(),
            start_s: 1.0,
            pace_s: 1.0,
        }
    }
}

/// How equity is computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EquityModeName {
    /// Every run-out: the same answer on any machine.
    #[default]
    Exact,
    /// `samples` random run-outs from `seed`.
    MonteCarlo,
    /// The best answer within `budget_ms`.
    BestWithin,
    /// No equity shown.
    Off,
}

/// `[equity]`: equity on the program output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EquitySettings {
    /// How it is computed.
    pub mode: EquityModeName,
    /// Samples for `monte_carlo`.
    pub samples: u64,
    /// Seed for `monte_carlo` and `best_within`.
    pub seed: u64,
    /// Time allowed for `best_within`, in milliseconds.
    pub budget_ms: u64,
    /// Whether outs are listed.
    pub outs: bool,
    /// Threads (0: all cores).
    pub threads: usize,
}

impl Default for EquitySettings {
    fn default() -> Self {
        EquitySettings {
            mode: EquityModeName::Exact,
            samples: 100_000,
            seed: 1,
            budget_ms: 50,
            outs: true,
            threads: 0,
        }
    }
}

/// One destination of a feed, as read from `[outputs]`.
#[derive(Debug, Clone, PartialEq)]
pub enum OutputTarget {
    /// A recording (MP4 or MKV by its extension).
    File(PathBuf),
    /// A network destination or an HLS directory.
    Network(Destination),
}

impl OutputTarget {
    /// Reads one `[outputs]` entry; `field` names it in errors (`outputs.live[1]`).
    pub fn parse(text: &str, field: &str) -> Result<Self, StreamError> {
        let invalid = |reason: String| StreamError::Settings {
            field: field.to_owned(),
            line: None,
            reason,
        };
        if text.trim().is_empty() {
            return Err(invalid("an output cannot be empty".into()));
        }
        if text.contains("://") {
            return Destination::parse(text)
                .map(OutputTarget::Network)
                .map_err(|e| invalid(e.to_string()));
        }
        let path = PathBuf::from(text);
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("m3u8") => {
                let dir = path
                    .parent()
                    .filter(|dir| !dir.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                Ok(OutputTarget::Network(Destination::hls(dir)))
            }
            Some("mp4" | "m4v" | "mov" | "mkv") => Ok(OutputTarget::File(path)),
            _ => Err(invalid(format!(
                "{text:?} is neither a file ending in .mp4, .m4v, .mov or .mkv, nor an \
                 rtmp://, rtmps://, srt:// or udp:// URL, nor an HLS playlist ending in .m3u8"
            ))),
        }
    }

    /// Opens the destination for `specs`.
    pub fn open(&self, specs: &[StreamSpec]) -> Result<Box<dyn PacketOutput>, StreamError> {
        Ok(match self {
            OutputTarget::File(path) => Box::new(FileOutput::create(path, specs)?),
            OutputTarget::Network(destination) => Box::new(NetworkOutput::start(
                NetworkConfig::new(destination.clone()),
                specs,
            )?),
        })
    }
}

/// The key's and the fill's destinations.
pub type KeyFillTargets = (Vec<OutputTarget>, Vec<OutputTarget>);

/// An output factory writing to every target (one encode, fanned out).
pub fn fanout_factory(targets: Vec<OutputTarget>) -> OutputFactory {
    Box::new(move |specs| {
        let mut outputs = Vec::with_capacity(targets.len());
        for target in &targets {
            outputs.push(target.open(specs)?);
        }
        if outputs.len() == 1
            && let Some(only) = outputs.pop()
        {
            return Ok(only);
        }
        Ok(Box::new(Fanout::new(outputs)) as Box<dyn PacketOutput>)
    })
}

/// The line (from 1) of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn path_name(path: &serde_path_to_error::Path) -> String {
    let text = path.to_string();
    if text == "." {
        "(document)".into()
    } else {
        text
    }
}

/// A settings field that is out of range or missing.
fn invalid(field: &str, reason: impl Into<String>) -> StreamError {
    StreamError::Settings {
        field: field.to_owned(),
        line: None,
        reason: reason.into(),
    }
}

fn seconds_to_ns(field: &str, seconds: f64) -> Result<i64, StreamError> {
    if !seconds.is_finite() || !(0.0..=1e6).contains(&seconds) {
        return Err(invalid(
            field,
            format!("{seconds} is not a number of seconds from 0 to 1000000"),
        ));
    }
    Ok((seconds * SECOND_NS).round() as i64)
}

impl PipelineSettings {
    /// Reads settings from TOML or JSON text and checks them.
    pub fn parse(text: &str, format: SettingsFormat) -> Result<Self, StreamError> {
        let settings: PipelineSettings = match format {
            SettingsFormat::Toml => {
                let deserializer =
                    toml::Deserializer::parse(text).map_err(|error| StreamError::Settings {
                        field: "(document)".into(),
                        line: error.span().map(|span| line_of(text, span.start)),
                        reason: error.message().trim().to_owned(),
                    })?;
                serde_path_to_error::deserialize(deserializer).map_err(|error| {
                    let field = path_name(error.path());
                    let inner = error.into_inner();
                    StreamError::Settings {
                        field,
                        line: inner.span().map(|span| line_of(text, span.start)),
                        reason: inner.message().trim().to_owned(),
                    }
                })?
            }
            SettingsFormat::Json => {
                let mut deserializer = serde_json::Deserializer::from_str(text);
                let settings =
                    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
                        let field = path_name(error.path());
                        let inner = error.into_inner();
                        StreamError::Settings {
                            field,
                            line: Some(inner.line()),
                            reason: json_reason(&inner),
                        }
                    })?;
                deserializer.end().map_err(|error| StreamError::Settings {
                    field: "(document)".into(),
                    line: Some(error.line()),
                    reason: json_reason(&error),
                })?;
                settings
            }
        };
        settings.validate()?;
        Ok(settings)
    }

    /// Reads a settings file, TOML or JSON by its extension (`.json` is JSON).
    pub fn load(path: &Path) -> Result<Self, StreamError> {
        let text = std::fs::read_to_string(path).map_err(|source| StreamError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => SettingsFormat::Json,
            _ => SettingsFormat::Toml,
        };
        Self::parse(&text, format).map_err(|error| match error {
            StreamError::Settings {
                field,
                line,
                reason,
            } => StreamError::Settings {
                field: format!("{}: {field}", path.display()),
                line,
                reason,
            },
            other => other,
        })
    }

    /// Checks what the types cannot: required keys of each source kind, ranges, outputs.
    pub fn validate(&self) -> Result<(), StreamError> {
        self.source_kind()?;
        self.output_size()?;
        if self.queue_capacity == 0 || self.queue_capacity > 1024 {
            return Err(invalid("queue_capacity", "must be from 1 to 1024"));
        }
        self.program_targets()?;
        self.live_targets()?;
        self.encoder_config()?;
        self.delay_config()?;
        seconds_to_ns("hands.start_s", self.hands.start_s)?;
        self.pace_ns()?;
        self.equity_options()?;
        self.key_fill_targets()?;
        if self.frames.queue == 0 || self.frames.queue > 1024 {
            return Err(invalid("frames.queue", "must be from 1 to 1024"));
        }
        if !(self.frames.live || self.frames.program) {
            return Err(invalid(
                "frames",
                "at least one of live and program must be true",
            ));
        }
        Ok(())
    }

    /// The key's and the fill's destinations, when `[key_fill]` is given.
    pub fn key_fill_targets(&self) -> Result<Option<KeyFillTargets>, StreamError> {
        let Some(key_fill) = &self.key_fill else {
            return Ok(None);
        };
        let key = targets(&key_fill.key, "key_fill.key")?;
        let fill = targets(&key_fill.fill, "key_fill.fill")?;
        if key.is_empty() || fill.is_empty() {
            return Err(invalid(
                "key_fill",
                "needs at least one destination in both key and fill",
            ));
        }
        Ok(Some((key, fill)))
    }

    /// Key and fill as sinks, when `[key_fill]` is given.
    pub fn key_fill_sink(&self) -> Result<Option<KeyFillSink>, StreamError> {
        Ok(self.key_fill_targets()?.map(|(key, fill)| KeyFillSink {
            key: fanout_factory(key),
            fill: fanout_factory(fill),
        }))
    }

    /// The source as the pipeline opens it.
    pub fn source_kind(&self) -> Result<SourceKind, StreamError> {
        let source = &self.source;
        let need = |value: &Option<String>, key: &str| {
            value.clone().filter(|v| !v.is_empty()).ok_or_else(|| {
                invalid(
                    &format!("source.{key}"),
                    format!(
                        "is required when source.kind is {:?}",
                        kind_name(source.kind)
                    ),
                )
            })
        };
        let fps = source.fps.unwrap_or(30);
        if !(1..=240).contains(&fps) {
            return Err(invalid("source.fps", "must be from 1 to 240"));
        }
        Ok(match source.kind {
            SourceKindName::File => SourceKind::File(PathBuf::from(need(&source.path, "path")?)),
            SourceKindName::Url => SourceKind::Url(need(&source.url, "url")?),
            SourceKindName::Device => SourceKind::V4l2 {
                device: need(&source.path, "path")?,
            },
            SourceKindName::Images => SourceKind::ImageSequence {
                pattern: need(&source.path, "path")?,
                fps,
            },
            SourceKindName::Lavfi => SourceKind::Lavfi {
                graph: need(&source.graph, "graph")?,
            },
            SourceKindName::TestPattern => {
                let (width, height) = self.output_size()?;
                let duration_s = source.duration_s.unwrap_or(10.0);
                if !duration_s.is_finite() || duration_s <= 0.0 || duration_s > 86_400.0 {
                    return Err(invalid(
                        "source.duration_s",
                        "must be more than 0 and at most 86400 seconds",
                    ));
                }
                SourceKind::TestPattern {
                    width,
                    height,
                    fps,
                    duration_s,
                    tone_hz: source.tone_hz.unwrap_or(440),
                }
            }
        })
    }

    /// The output size: `source.width` x `source.height`, 1920x1080 by default.
    pub fn output_size(&self) -> Result<(u32, u32), StreamError> {
        let width = self.source.width.unwrap_or(1920);
        let height = self.source.height.unwrap_or(1080);
        for (field, value) in [("source.width", width), ("source.height", height)] {
            if !(16..=8192).contains(&value) || value % 2 != 0 {
                return Err(invalid(
                    field,
                    format!("{value} is not an even number of pixels from 16 to 8192"),
                ));
            }
        }
        Ok((width, height))
    }

    /// The program feed's destinations.
    pub fn program_targets(&self) -> Result<Vec<OutputTarget>, StreamError> {
        targets(&self.outputs.program, "outputs.program")
    }

    /// The live feed's destinations.
    pub fn live_targets(&self) -> Result<Vec<OutputTarget>, StreamError> {
        targets(&self.outputs.live, "outputs.live")
    }

    /// The encoder settings; with `hardware = "auto"` this probes the machine.
    pub fn encoder_config(&self) -> Result<VideoEncoderConfig, StreamError> {
        let encoder = &self.encoder;
        if encoder.crf > 51 {
            return Err(invalid("encoder.crf", "must be from 0 to 51"));
        }
        let codec = match encoder.codec.to_ascii_lowercase().as_str() {
            "" => return Err(invalid("encoder.codec", "cannot be empty")),
            "h264" | "libx264" | "avc" => VideoCodec::X264,
            "hevc" | "h265" | "libx265" => VideoCodec::X265,
            _ => VideoCodec::Named(encoder.codec.clone()),
        };
        Ok(VideoEncoderConfig {
            codec,
            preset: encoder.preset.clone(),
            crf: encoder.crf,
            gop: encoder.gop,
            threads: encoder.threads,
        })
    }

    /// The encoder to open: [`Self::encoder_config`], with a hardware encoder of the same
    /// codec when `hardware = "auto"` finds one that opens here.
    pub fn resolved_encoder(&self) -> Result<VideoEncoderConfig, StreamError> {
        let mut config = self.encoder_config()?;
        if self.encoder.hardware == HardwareChoice::Auto {
            let family = match config.codec {
                VideoCodec::X264 => Some("h264_"),
                VideoCodec::X265 => Some("hevc_"),
                VideoCodec::Named(_) => None,
            };
            if let Some(family) = family
                && let Some(name) = available_hardware_encoders()
                    .into_iter()
                    .find(|name| name.starts_with(family))
            {
                config.codec = VideoCodec::Named(name);
            }
        }
        Ok(config)
    }

    /// The delay settings.
    pub fn delay_config(&self) -> Result<DelayConfig, StreamError> {
        let delay = &self.delay;
        let delay_ns = seconds_to_ns("delay.seconds", delay.seconds)?;
        if !delay.shrink_rate.is_finite() || delay.shrink_rate <= 0.0 || delay.shrink_rate > 1.0 {
            return Err(invalid(
                "delay.shrink_rate",
                "must be more than 0 and at most 1",
            ));
        }
        if delay.memory_limit_mb == 0 || delay.memory_limit_mb > (1 << 20) {
            return Err(invalid(
                "delay.memory_limit_mb",
                "must be from 1 to 1048576",
            ));
        }
        let defaults = DelayConfig::default();
        Ok(DelayConfig {
            delay_ns,
            memory_limit_bytes: usize::try_from(delay.memory_limit_mb << 20).unwrap_or(usize::MAX),
            spill_dir: delay.spill_dir.clone().unwrap_or(defaults.spill_dir),
            segment_bytes: defaults.segment_bytes,
            shrink_rate: delay.shrink_rate,
        })
    }

    /// Nanoseconds between two actions of a hand history.
    pub fn pace_ns(&self) -> Result<i64, StreamError> {
        let pace_ns = seconds_to_ns("hands.pace_s", self.hands.pace_s)?;
        if pace_ns < 1_000_000 {
            return Err(invalid("hands.pace_s", "must be at least 0.001 seconds"));
        }
        Ok(pace_ns)
    }

    /// The equity options, `None` when off.
    pub fn equity_options(&self) -> Result<Option<EquityOptions>, StreamError> {
        let equity = &self.equity;
        let mode = match equity.mode {
            EquityModeName::Off => return Ok(None),
            EquityModeName::Exact => EquityMode::Exact,
            EquityModeName::MonteCarlo => {
                if equity.samples == 0 {
                    return Err(invalid("equity.samples", "must be at least 1"));
                }
                EquityMode::MonteCarlo {
                    samples: equity.samples,
                    seed: equity.seed,
                }
            }
            EquityModeName::BestWithin => {
                if equity.budget_ms == 0 {
                    return Err(invalid("equity.budget_ms", "must be at least 1"));
                }
                EquityMode::BestWithin {
                    budget: Duration::from_millis(equity.budget_ms),
                    seed: equity.seed,
                }
            }
        };
        Ok(Some(EquityOptions {
            mode,
            threads: equity.threads,
            outs: equity.outs,
        }))
    }

    /// Everything but the outputs and graphics, as [`Pipeline::start`] takes it.
    pub fn pipeline_config(&self) -> Result<PipelineConfig, StreamError> {
        let mut config = PipelineConfig::new(self.source_kind()?);
        config.output_size = Some(self.output_size()?);
        config.encoder = self.resolved_encoder()?;
        config.delay = self.delay_config()?;
        config.queue_capacity = self.queue_capacity;
        config.equity = self.equity_options()?;
        Ok(config)
    }

    /// The hands of `[hands]`, laid on the video; also when the last one ends.
    pub fn hand_scripts(&self) -> Result<(Vec<HandScript>, i64), StreamError> {
        let pace_ns = self.pace_ns()?;
        let mut start_ns = seconds_to_ns("hands.start_s", self.hands.start_s)?;
        let mut end_ns = start_ns;
        let mut scripts = Vec::new();
        for (index, path) in self.hands.files.iter().enumerate() {
            let field = format!("hands.files[{index}]");
            let text = std::fs::read_to_string(path).map_err(|source| StreamError::Io {
                path: path.clone(),
                source,
            })?;
            let (more, end) = phh_scripts(&text, scripts.len() as u64 + 1, start_ns, pace_ns)
                .map_err(|error| invalid(&field, format!("{}: {error}", path.display())))?;
            scripts.extend(more);
            end_ns = end;
            start_ns = end + 2 * pace_ns;
        }
        Ok((scripts, end_ns))
    }

    /// The graphics and destinations of both feeds.
    pub fn feeds(&self) -> Result<(LiveOutput, ProgramOutput), StreamError> {
        let (width, height) = self.output_size()?;
        let live_output = fanout_factory(self.live_targets()?);
        let program_output = fanout_factory(self.program_targets()?);
        Ok(match self.graphics {
            GraphicsKind::Basic => (
                LiveOutput {
                    overlay: Box::new(BasicOverlay::new(width, height)),
                    output: live_output,
                },
                ProgramOutput {
                    overlay: Box::new(BasicOverlay::new(width, height)),
                    output: program_output,
                },
            ),
            GraphicsKind::Skin => {
                let skin = match &self.skin {
                    Some(path) => ggp_render::skin::Skin::load(path),
                    None => ggp_render::skin::Skin::default_skin(),
                }
                .map_err(|e| invalid("skin", e.to_string()))?;
                // One renderer per feed: each feed's thread draws its own graphics.
                let overlay = |target: &str| {
                    let renderer =
                        ggp_render::Renderer::new(ggp_render::RendererOptions::default()).map_err(
                            |e| StreamError::Overlay {
                                target: target.to_owned(),
                                reason: e.to_string(),
                            },
                        )?;
                    SkinOverlay::new(renderer, skin.clone(), width, height, target)
                };
                (
                    LiveOutput {
                        overlay: Box::new(overlay("live")?),
                        output: live_output,
                    },
                    ProgramOutput {
                        overlay: Box::new(overlay("program")?),
                        output: program_output,
                    },
                )
            }
        })
    }

    /// Opens everything and starts the pipeline (with key and fill when configured).
    pub fn start(&self) -> Result<Pipeline, StreamError> {
        self.start_with_frames(None)
    }

    /// [`Self::start`] with a raw-frame callback from the first frame, fed as `[frames]`
    /// says.
    pub fn start_with_frames(
        &self,
        callback: Option<FrameCallback>,
    ) -> Result<Pipeline, StreamError> {
        let config = self.pipeline_config()?;
        let (hands, _) = self.hand_scripts()?;
        let (live, program) = self.feeds()?;
        let sinks = Sinks {
            frames: callback.map(|callback| self.frames.sink(callback)),
            key_fill: self.key_fill_sink()?,
        };
        Pipeline::start_with(config, hands, live, program, sinks)
    }
}

fn json_reason(error: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the line is reported on its own.
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn kind_name(kind: SourceKindName) -> &'static str {
    match kind {
        SourceKindName::File => "file",
        SourceKindName::Url => "url",
        SourceKindName::Device => "device",
        SourceKindName::Images => "images",
        SourceKindName::TestPattern => "test_pattern",
        SourceKindName::Lavfi => "lavfi",
    }
}

fn targets(entries: &[String], field: &str) -> Result<Vec<OutputTarget>, StreamError> {
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| OutputTarget::parse(entry, &format!("{field}[{index}]")))
        .collect()
}

/// The hands of PHH text (one `.phh` hand or a `.phhs` file of several), laid on the video
/// from `start_ns` at `pace_ns` a step, numbered from `first_number`. Returns them and when
/// the last step is.
pub fn phh_scripts(
    text: &str,
    first_number: u64,
    start_ns: i64,
    pace_ns: i64,
) -> Result<(Vec<HandScript>, i64), StreamError> {
    let hands = match PhhHand::parse(text) {
        Ok(hand) => vec![hand],
        Err(single) => match parse_phhs(text) {
            Ok(entries) if !entries.is_empty() => entries.into_iter().map(|e| e.hand).collect(),
            _ => {
                return Err(StreamError::InvalidConfig {
                    target: "hand history".into(),
                    reason: single.to_string(),
                });
            }
        },
    };
    let mut scripts = Vec::with_capacity(hands.len());
    let mut start_ns = start_ns;
    let mut end_ns = start_ns;
    for (index, phh) in hands.iter().enumerate() {
        let table = TableInfo {
            hand_number: first_number + index as u64,
            names: phh.players.clone().unwrap_or_default(),
            button: None,
            level: None,
        };
        let (script, end) = HandScript::from_phh(phh, table, start_ns, pace_ns)?;
        scripts.push(script);
        end_ns = end;
        start_ns = end + 2 * pace_ns;
    }
    Ok((scripts, end_ns))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = include_str!("../../examples/data/pipeline.toml");

    fn settings_error(text: &str, format: SettingsFormat) -> (String, Option<usize>, String) {
        match PipelineSettings::parse(text, format) {
            Err(StreamError::Settings {
                field,
                line,
                reason,
            }) => (field, line, reason),
            other => panic!("expected a settings error, got {other:?}"),
        }
    }

    #[test]
    fn the_example_file_parses_with_every_section() {
        let settings = PipelineSettings::parse(FULL, SettingsFormat::Toml).expect("parses");
        assert_eq!(settings.source.kind, SourceKindName::TestPattern);
        assert_eq!(settings.output_size().expect("size"), (1280, 720));
        assert_eq!(settings.outputs.program.len(), 1);
        assert_eq!(settings.outputs.live.len(), 1);
        assert_eq!(settings.encoder.preset, "veryfast");
        assert_eq!(settings.hands.files.len(), 1);
        let config = settings.pipeline_config().expect("config");
        assert_eq!(config.output_size, Some((1280, 720)));
        assert_eq!(config.delay.delay_ns, 0);
        assert!(matches!(
            config.source,
            SourceKind::TestPattern { fps: 30, .. }
        ));
    }

    #[test]
    fn toml_and_json_give_the_same_settings() {
        let toml_text = r#"
            graphics = "basic"
            [source]
            kind = "file"
            path = "in.mp4"
            width = 1280
            height = 720
            [outputs]
            program = ["p.mp4", "rtmp://a.example/app/key", "srt://b.example:9000"]
            live = ["l.mkv", "udp://239.0.0.1:1234", "hls/index.m3u8"]
            [encoder]
            codec = "hevc"
            crf = 28
            [delay]
            seconds = 30
            [equity]
            mode = "monte_carlo"
            samples = 5000
        "#;
        let json_text = r#"{
            "graphics": "basic",
            "source": {"kind": "file", "path": "in.mp4", "width": 1280, "height": 720},
            "outputs": {
                "program": ["p.mp4", "rtmp://a.example/app/key", "srt://b.example:9000"],
                "live": ["l.mkv", "udp://239.0.0.1:1234", "hls/index.m3u8"]
            },
            "encoder": {"codec": "hevc", "crf": 28},
            "delay": {"seconds": 30},
            "equity": {"mode": "monte_carlo", "samples": 5000}
        }"#;
        let from_toml = PipelineSettings::parse(toml_text, SettingsFormat::Toml).expect("toml");
        let from_json = PipelineSettings::parse(json_text, SettingsFormat::Json).expect("json");
        assert_eq!(from_toml, from_json);
        assert_eq!(SettingsFormat::detect(json_text), SettingsFormat::Json);
        assert_eq!(SettingsFormat::detect(toml_text), SettingsFormat::Toml);
        let config = from_toml.pipeline_config().expect("config");
        assert_eq!(config.encoder.codec, VideoCodec::X265);
        assert_eq!(config.encoder.crf, 28);
        assert_eq!(config.delay.delay_ns, 30_000_000_000);
        assert!(matches!(
            config.equity.map(|e| e.mode),
            Some(EquityMode::MonteCarlo { samples: 5000, .. })
        ));
        let live = from_toml.live_targets().expect("live");
        assert_eq!(live[0], OutputTarget::File(PathBuf::from("l.mkv")));
        assert!(matches!(
            &live[1],
            OutputTarget::Network(Destination::Udp { .. })
        ));
        assert!(matches!(
            &live[2],
            OutputTarget::Network(Destination::Hls { dir, .. }) if dir == Path::new("hls")
        ));
        let program = from_toml.program_targets().expect("program");
        assert!(matches!(
            &program[1],
            OutputTarget::Network(Destination::Rtmp { .. })
        ));
        assert!(matches!(
            &program[2],
            OutputTarget::Network(Destination::Srt { .. })
        ));
    }

    #[test]
    fn a_wrong_type_names_the_field_and_the_toml_line() {
        let text =
            "[source]\nkind = \"test_pattern\"\n\n[encoder]\npreset = \"fast\"\ncrf = \"high\"\n";
        let (field, line, reason) = settings_error(text, SettingsFormat::Toml);
        assert_eq!(field, "encoder.crf");
        assert_eq!(line, Some(6));
        assert!(reason.contains("invalid type"), "{reason}");
    }

    #[test]
    fn an_unknown_key_is_named_with_the_known_keys() {
        let text = "[source]\nkind = \"test_pattern\"\n[encoder]\ncfr = 20\n";
        let (field, line, reason) = settings_error(text, SettingsFormat::Toml);
        assert_eq!(field, "encoder.cfr");
        assert_eq!(line, Some(4));
        assert!(reason.contains("unknown field `cfr`"), "{reason}");
        assert!(reason.contains("crf"), "{reason}");
    }

    #[test]
    fn an_unknown_source_kind_lists_the_kinds() {
        let text = "[source]\nkind = \"camera\"\n";
        let (field, line, reason) = settings_error(text, SettingsFormat::Toml);
        assert_eq!(field, "source.kind");
        assert_eq!(line, Some(2));
        assert!(reason.contains("test_pattern"), "{reason}");
    }

    #[test]
    fn a_missing_source_is_reported() {
        let (field, _, reason) = settings_error("graphics = \"basic\"\n", SettingsFormat::Toml);
        assert_eq!(field, "(document)");
        assert!(reason.contains("missing field `source`"), "{reason}");
    }

    #[test]
    fn toml_syntax_errors_give_the_line() {
        let text = "[source]\nkind = \"file\"\npath = in.mp4\n";
        let (field, line, _) = settings_error(text, SettingsFormat::Toml);
        assert_eq!(field, "(document)");
        assert_eq!(line, Some(3));
    }

    #[test]
    fn json_errors_name_the_field_and_the_line() {
        let text =
            "{\n \"source\": {\"kind\": \"test_pattern\"},\n \"delay\": {\"seconds\": \"ten\"}\n}";
        let (field, line, reason) = settings_error(text, SettingsFormat::Json);
        assert_eq!(field, "delay.seconds");
        assert_eq!(line, Some(3));
        assert!(reason.contains("invalid type"), "{reason}");
        assert!(!reason.contains("at line"), "{reason}");
        let (field, _, _) =
            settings_error("{\"source\": {\"kind\": \"url\"}} x", SettingsFormat::Json);
        assert_eq!(field, "(document)");
    }

    #[test]
    fn values_out_of_range_name_their_field() {
        let cases = [
            ("[source]\nkind = \"file\"\n", "source.path"),
            ("[source]\nkind = \"url\"\n", "source.url"),
            ("[source]\nkind = \"lavfi\"\n", "source.graph"),
            (
                "[source]\nkind = \"test_pattern\"\nwidth = 641\n",
                "source.width",
            ),
            (
                "[source]\nkind = \"test_pattern\"\nduration_s = -1.0\n",
                "source.duration_s",
            ),
            ("[source]\nkind = \"test_pattern\"\nfps = 0\n", "source.fps"),
            (
                "queue_capacity = 0\n[source]\nkind = \"test_pattern\"\n",
                "queue_capacity",
            ),
            (
                "[source]\nkind = \"test_pattern\"\n[encoder]\ncrf = 60\n",
                "encoder.crf",
            ),
            (
                "[source]\nkind = \"test_pattern\"\n[delay]\nseconds = -5.0\n",
                "delay.seconds",
            ),
            (
                "[source]\nkind = \"test_pattern\"\n[hands]\npace_s = 0.0\n",
                "hands.pace_s",
            ),
            (
                "[source]\nkind = \"test_pattern\"\n[equity]\nmode = \"monte_carlo\"\nsamples = 0\n",
                "equity.samples",
            ),
            (
                "[source]\nkind = \"test_pattern\"\n[outputs]\nlive = [\"a.mp4\", \"b.avi\"]\n",
                "outputs.live[1]",
            ),
            (
                "[source]\nkind = \"test_pattern\"\n[outputs]\nprogram = [\"http://x/y\"]\n",
                "outputs.program[0]",
            ),
        ];
        for (text, expected) in cases {
            let (field, _, reason) = settings_error(text, SettingsFormat::Toml);
            assert_eq!(field, expected, "{text}: {reason}");
        }
    }

    #[test]
    fn the_error_message_says_field_line_and_reason() {
        let error = PipelineSettings::parse(
            "[source]\nkind = \"test_pattern\"\n[encoder]\ncrf = \"x\"\n",
            SettingsFormat::Toml,
        )
        .expect_err("bad crf");
        let message = error.to_string();
        assert!(message.contains("encoder.crf"), "{message}");
        assert!(message.contains("line 4"), "{message}");
    }

    #[test]
    fn equity_off_and_hardware_auto_resolve() {
        let text = "[source]\nkind = \"test_pattern\"\n[equity]\nmode = \"off\"\n[encoder]\nhardware = \"auto\"\n";
        let settings = PipelineSettings::parse(text, SettingsFormat::Toml).expect("parses");
        assert_eq!(settings.equity_options().expect("equity"), None);
        // Without hardware (this machine) auto falls back to the software encoder.
        let codec = settings.resolved_encoder().expect("encoder").codec;
        assert!(
            codec == VideoCodec::X264 || codec.encoder_name().starts_with("h264_"),
            "{codec:?}"
        );
    }

    #[test]
    fn phh_text_becomes_hands_at_the_pace() {
        let text = include_str!("../../examples/data/heads_up.phh");
        let (scripts, end_ns) = phh_scripts(text, 7, 2_000_000_000, 500_000_000).expect("phh");
        assert_eq!(scripts.len(), 1);
        assert_eq!(scripts[0].table.hand_number, 7);
        assert_eq!(scripts[0].start_ns, 2_000_000_000);
        assert!(end_ns > 2_000_000_000);
        assert!(phh_scripts("not a hand", 1, 0, 1).is_err());
    }
}
