//! Video encoding: libx264 (veryfast, CRF 23) by default, HEVC through libx265, and the
//! hardware encoders (NVENC, VAAPI, Quick Sync) when the machine has them.
//!
//! Hardware is detected at run time by opening each encoder on a small picture: an
//! encoder FFmpeg was built with but whose device is missing fails to open and is not
//! offered. Pictures keep the source's timestamps: the encoder's time base is the source
//! stream's.

use std::time::{Duration, Instant};

use ffmpeg::format::Pixel;
use ffmpeg::{Rational, codec};
use ffmpeg_next as ffmpeg;

use crate::StreamError;
use crate::output::{EncodedPacket, StreamKind, StreamSpec};
use crate::picture::Picture;

/// Which video encoder to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoCodec {
    /// H.264 through libx264.
    X264,
    /// HEVC through libx265.
    X265,
    /// Any FFmpeg encoder by name (`h264_nvenc`, `hevc_vaapi`, `h264_qsv`, ...).
    Named(String),
}

impl VideoCodec {
    /// FFmpeg's name of the encoder.
    pub fn encoder_name(&self) -> &str {
        match self {
            VideoCodec::X264 => "libx264",
            VideoCodec::X265 => "libx265",
            VideoCodec::Named(name) => name,
        }
    }
}

/// Encoder settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoEncoderConfig {
    /// The encoder.
    pub codec: VideoCodec,
    /// x264/x265 preset (default "veryfast").
    pub preset: String,
    /// Constant rate factor (default 23); ignored by encoders without one.
    pub crf: u32,
    /// Frames between keyframes (default 2 s worth, set from the frame rate when 0).
    pub gop: u32,
    /// Encoder threads (0: the encoder's choice).
    pub threads: usize,
}

impl Default for VideoEncoderConfig {
    fn default() -> Self {
        VideoEncoderConfig {
            codec: VideoCodec::X264,
            preset: "veryfast".into(),
            crf: 23,
            gop: 0,
            threads: 0,
        }
    }
}

/// The hardware encoders this machine can open now, of those FFmpeg knows
/// (`h264_nvenc`, `hevc_nvenc`, `h264_vaapi`, `hevc_vaapi`, `h264_qsv`, `hevc_qsv`).
pub fn available_hardware_encoders() -> Vec<String> {
    const CANDIDATES: [&str; 6] = [
        "h264_nvenc",
        "hevc_nvenc",
        "h264_vaapi",
        "hevc_vaapi",
        "h264_qsv",
        "hevc_qsv",
    ];
    CANDIDATES
        .iter()
        .filter(|name| encoder_opens(name))
        .map(|name| (*name).to_owned())
        .collect()
}

/// Whether the encoder `name` exists in this FFmpeg and opens on a 256x256 picture.
pub fn encoder_opens(name: &str) -> bool {
    if ffmpeg::init().is_err() {
        return false;
    }
    let config = VideoEncoderConfig {
        codec: VideoCodec::Named(name.to_owned()),
        ..Default::default()
    };
    VideoEncoder::open(
        &config,
        256,
        256,
        Rational::new(1, 30),
        Rational::new(30, 1),
    )
    .is_ok()
}

/// An opened video encoder.
pub struct VideoEncoder {
    encoder: ffmpeg::encoder::Video,
    spec: StreamSpec,
    name: String,
    encode_time: Duration,
    frames: u64,
}

impl std::fmt::Debug for VideoEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VideoEncoder")
            .field("name", &self.name)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

impl VideoEncoder {
    /// Opens the encoder for `width` x `height` YUV420P pictures stamped in `time_base`.
    pub fn open(
        config: &VideoEncoderConfig,
        width: u32,
        height: u32,
        time_base: Rational,
        frame_rate: Rational,
    ) -> Result<Self, StreamError> {
        ffmpeg::init().map_err(|e| StreamError::ffmpeg("initialise FFmpeg", e))?;
        let name = config.codec.encoder_name().to_owned();
        let codec =
            ffmpeg::encoder::find_by_name(&name).ok_or_else(|| StreamError::InvalidConfig {
                target: name.clone(),
                reason: "this FFmpeg has no such encoder".into(),
            })?;
        let fail = |what: &'static str| {
            let name = name.clone();
            move |e| StreamError::ffmpeg(format!("{what} {name}"), e)
        };
        let mut encoder = codec::context::Context::new_with_codec(codec)
            .encoder()
            .video()
            .map_err(fail("create the encoder"))?;
        encoder.set_width(width);
        encoder.set_height(height);
        encoder.set_format(Pixel::YUV420P);
        encoder.set_time_base(time_base);
        encoder.set_frame_rate(Some(frame_rate));
        let gop = if config.gop > 0 {
            config.gop
        } else {
            let fps =
                f64::from(frame_rate.numerator()) / f64::from(frame_rate.denominator().max(1));
            (fps * 2.0).round().clamp(1.0, 600.0) as u32
        };
        encoder.set_gop(gop);
        if config.threads > 0 {
            encoder.set_threading(ffmpeg::threading::Config {
                kind: ffmpeg::threading::Type::Frame,
                count: config.threads,
                ..Default::default()
            });
        }
        // MP4, MKV and FLV carry the parameter sets in the header.
        encoder.set_flags(codec::Flags::GLOBAL_HEADER);
        let mut options = ffmpeg::Dictionary::new();
        if matches!(config.codec, VideoCodec::X264 | VideoCodec::X265) {
            options.set("preset", &config.preset);
            options.set("crf", &config.crf.to_string());
        }
        if matches!(config.codec, VideoCodec::X265) {
            options.set("x265-params", "log-level=error");
        }
        let encoder = encoder
            .open_as_with(codec, options)
            .map_err(fail("open the encoder"))?;
        let mut spec = StreamSpec::from_codec_context(&encoder)?;
        spec.time_base = time_base;
        Ok(VideoEncoder {
            encoder,
            spec,
            name,
            encode_time: Duration::ZERO,
            frames: 0,
        })
    }

    /// How the stream is described to the outputs.
    pub fn spec(&self) -> &StreamSpec {
        &self.spec
    }

    /// Time spent inside the encoder so far.
    pub fn encode_time(&self) -> Duration {
        self.encode_time
    }

    /// Encodes a picture (its `pts` is kept); returns the packets that came out.
    ///
    /// The picture is taken mutably only to stamp its frame: the encoder copies the pixels
    /// it keeps, so no copy is made here.
    pub fn encode(&mut self, picture: &mut Picture) -> Result<Vec<EncodedPacket>, StreamError> {
        let started = Instant::now();
        let frame = &mut picture.frame;
        frame.set_pts(Some(picture.pts));
        frame.set_kind(ffmpeg::picture::Type::None);
        let sent = self.encoder.send_frame(frame);
        let packets = self.receive();
        self.encode_time += started.elapsed();
        self.frames += 1;
        sent.map_err(|e| StreamError::ffmpeg(format!("encode a frame with {}", self.name), e))?;
        packets
    }

    /// Flushes the encoder; returns the last packets.
    pub fn finish(&mut self) -> Result<Vec<EncodedPacket>, StreamError> {
        let started = Instant::now();
        self.encoder
            .send_eof()
            .map_err(|e| StreamError::ffmpeg(format!("flush {}", self.name), e))?;
        let packets = self.receive();
        self.encode_time += started.elapsed();
        packets
    }

    fn receive(&mut self) -> Result<Vec<EncodedPacket>, StreamError> {
        let mut out = Vec::new();
        let mut packet = ffmpeg::Packet::empty();
        while self.encoder.receive_packet(&mut packet).is_ok() {
            out.push(EncodedPacket {
                stream: StreamKind::Video,
                data: packet.data().map(<[u8]>::to_vec).unwrap_or_default(),
                pts: packet.pts().unwrap_or(0),
                dts: packet.dts().unwrap_or(0),
                duration: packet.duration(),
                keyframe: packet.is_key(),
            });
        }
        Ok(out)
    }
}
