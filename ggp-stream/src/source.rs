//! Sources: everything FFmpeg can open (files, network inputs, V4L2 capture, image
//! sequences, a generated test pattern with a tone), decoded to YUV 4:2:0 pictures of the
//! output size, with the audio passed along.
//!
//! All kinds go through the same FFmpeg input path; they differ only in the input format
//! forced (`video4linux2`, `image2`, `lavfi`) and its options. Packets the demuxer or the
//! decoder reject, and pictures the decoder flags as damaged, are counted and skipped.

use std::path::PathBuf;

use ffmpeg::format::Pixel;
use ffmpeg::{Rational, codec, media};
use ffmpeg_next as ffmpeg;

use crate::StreamError;
use crate::audio::{AacTranscoder, passes_through};
use crate::output::{EncodedPacket, StreamKind, StreamSpec};
use crate::picture::{Picture, to_ns};

/// Where the video comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceKind {
    /// A media file (mp4, mov, mkv, ts, ...).
    File(PathBuf),
    /// A network input FFmpeg can open: `rtmp://`, `rtsp://`, `srt://`, `udp://` (MPEG-TS),
    /// an HLS playlist over `http(s)://`.
    Url(String),
    /// A V4L2 capture device such as `/dev/video0`.
    V4l2 {
        /// The device node.
        device: String,
    },
    /// Numbered images, e.g. `frames/%05d.png`, at a frame rate.
    ImageSequence {
        /// The printf-style pattern of the file names.
        pattern: String,
        /// Frames per second.
        fps: u32,
    },
    /// FFmpeg's `testsrc2` pattern with a sine tone: a source needing no input at all.
    TestPattern {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// Frames per second.
        fps: u32,
        /// Length in seconds.
        duration_s: f64,
        /// The tone's frequency in Hz (0: no audio).
        tone_hz: u32,
    },
    /// Any FFmpeg filter graph (the `lavfi` input): outputs `[out0]` (video) and
    /// optionally `[out1]` (audio), e.g. a generated scene.
    Lavfi {
        /// The filter graph.
        graph: String,
    },
}

impl SourceKind {
    /// A short name for messages.
    pub fn describe(&self) -> String {
        match self {
            SourceKind::File(path) => path.display().to_string(),
            SourceKind::Url(url) => url.clone(),
            SourceKind::V4l2 { device } => format!("v4l2 {device}"),
            SourceKind::ImageSequence { pattern, .. } => pattern.clone(),
            SourceKind::TestPattern { .. } => "test pattern".into(),
            SourceKind::Lavfi { .. } => "generated scene".into(),
        }
    }

    /// The input format to force, the URL to open and the options to pass.
    fn open_arguments(&self) -> (Option<&'static str>, String, Vec<(&'static str, String)>) {
        match self {
            SourceKind::File(path) => (None, path.display().to_string(), vec![]),
            SourceKind::Url(url) => (
                None,
                url.clone(),
                // A dead network peer must not hang the pipeline forever (microseconds).
                vec![("rw_timeout", "10000000".into())],
            ),
            SourceKind::V4l2 { device } => (Some("video4linux2"), device.clone(), vec![]),
            SourceKind::ImageSequence { pattern, fps } => (
                Some("image2"),
                pattern.clone(),
                vec![("framerate", fps.to_string())],
            ),
            SourceKind::TestPattern {
                width,
                height,
                fps,
                duration_s,
                tone_hz,
            } => {
                let mut graph = format!(
                    "testsrc2=size={width}x{height}:rate={fps}:duration={duration_s}[out0]"
                );
                if *tone_hz > 0 {
                    graph.push_str(&format!(
                        ";sine=frequency={tone_hz}:sample_rate=48000:duration={duration_s}[out1]"
                    ));
                }
                (Some("lavfi"), graph, vec![])
            }
            SourceKind::Lavfi { graph } => (Some("lavfi"), graph.clone(), vec![]),
        }
    }
}

/// What a source yields.
#[derive(Debug)]
pub enum SourceItem {
    /// A decoded picture.
    Video(Picture),
    /// An audio packet ready for the outputs (copied or re-encoded).
    Audio(EncodedPacket),
}

/// Counters of a source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourceStats {
    /// Pictures decoded and passed on.
    pub frames: u64,
    /// Packets or pictures that were damaged and skipped.
    pub corrupt: u64,
    /// Audio packets passed on.
    pub audio_packets: u64,
}

enum AudioPath {
    Copy { spec: StreamSpec },
    Transcode(Box<AacTranscoder>),
}

/// An opened source.
pub struct Source {
    input: ffmpeg::format::context::Input,
    name: String,
    video_index: usize,
    video_time_base: Rational,
    frame_rate: Rational,
    decoder: ffmpeg::decoder::Video,
    scaler: Option<ffmpeg::software::scaling::Context>,
    output_size: (u32, u32),
    audio_index: Option<usize>,
    audio: Option<AudioPath>,
    start_pts: Option<i64>,
    pending: std::collections::VecDeque<SourceItem>,
    finished: bool,
    stats: SourceStats,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.name)
            .field("output_size", &self.output_size)
            .field("stats", &self.stats)
            .finish_non_exhaustive()
    }
}

impl Source {
    /// Opens `kind`, scaling its pictures to `output_size` when given (else keeping the
    /// input's size, rounded down to even numbers for 4:2:0).
    pub fn open(kind: &SourceKind, output_size: Option<(u32, u32)>) -> Result<Self, StreamError> {
        ffmpeg::init().map_err(|e| StreamError::ffmpeg("initialise FFmpeg", e))?;
        ffmpeg::device::register_all();
        let name = kind.describe();
        let (format, url, options) = kind.open_arguments();
        let mut dictionary = ffmpeg::Dictionary::new();
        for (key, value) in &options {
            dictionary.set(key, value);
        }
        let open_error = |e| StreamError::ffmpeg(format!("open the source {name}"), e);
        let input = match format {
            None => ffmpeg::format::input_with_dictionary(&url, dictionary).map_err(open_error)?,
            Some(format_name) => {
                let format =
                    find_input_format(format_name).ok_or_else(|| StreamError::InvalidConfig {
                        target: name.clone(),
                        reason: format!("this FFmpeg was built without the {format_name} input"),
                    })?;
                match ffmpeg::format::open_with(&url, &ffmpeg::Format::Input(format), dictionary)
                    .map_err(open_error)?
                {
                    ffmpeg::format::context::Context::Input(input) => input,
                    ffmpeg::format::context::Context::Output(_) => {
                        return Err(StreamError::InvalidConfig {
                            target: name,
                            reason: "opened as an output".into(),
                        });
                    }
                }
            }
        };
        let video =
            input
                .streams()
                .best(media::Type::Video)
                .ok_or_else(|| StreamError::InvalidConfig {
                    target: name.clone(),
                    reason: "no video stream".into(),
                })?;
        let video_index = video.index();
        let video_time_base = video.time_base();
        let frame_rate = match video.avg_frame_rate() {
            r if r.numerator() > 0 && r.denominator() > 0 => r,
            _ => video.rate(),
        };
        let decoder = codec::context::Context::from_parameters(video.parameters())
            .map_err(|e| StreamError::ffmpeg(format!("read the video parameters of {name}"), e))?
            .decoder()
            .video()
            .map_err(|e| StreamError::ffmpeg(format!("open the video decoder for {name}"), e))?;
        let output_size = output_size.unwrap_or((decoder.width(), decoder.height()));
        let output_size = (output_size.0 & !1, output_size.1 & !1);
        if output_size.0 == 0 || output_size.1 == 0 {
            return Err(StreamError::InvalidConfig {
                target: name,
                reason: format!("video size {}x{} is empty", output_size.0, output_size.1),
            });
        }
        let (audio_index, audio) = match input.streams().best(media::Type::Audio) {
            None => (None, None),
            Some(stream) => {
                let parameters = stream.parameters();
                let path = if passes_through(parameters.id()) {
                    let mut context = codec::context::Context::from_parameters(parameters)
                        .map_err(|e| StreamError::ffmpeg(format!("read the audio of {name}"), e))?;
                    // Copied packets keep the input stream's timestamps.
                    context.set_time_base(stream.time_base());
                    AudioPath::Copy {
                        spec: StreamSpec::from_codec_context(&context)?,
                    }
                } else {
                    AudioPath::Transcode(Box::new(AacTranscoder::new(
                        parameters,
                        stream.time_base(),
                        &name,
                    )?))
                };
                (Some(stream.index()), Some(path))
            }
        };
        Ok(Source {
            input,
            name,
            video_index,
            video_time_base,
            frame_rate,
            decoder,
            scaler: None,
            output_size,
            audio_index,
            audio,
            start_pts: None,
            pending: std::collections::VecDeque::new(),
            finished: false,
            stats: SourceStats::default(),
        })
    }

    /// The size of the pictures this source yields.
    pub fn output_size(&self) -> (u32, u32) {
        self.output_size
    }

    /// The video stream's time base: the pictures' `pts` unit.
    pub fn time_base(&self) -> Rational {
        self.video_time_base
    }

    /// The nominal frame rate (for encoders and containers).
    pub fn frame_rate(&self) -> Rational {
        self.frame_rate
    }

    /// How many pictures the source should yield, when its duration is known (files).
    pub fn expected_frames(&self) -> Option<u64> {
        let duration = self.input.duration();
        if duration <= 0 {
            return None;
        }
        let seconds = duration as f64 / f64::from(ffmpeg::ffi::AV_TIME_BASE);
        let fps = f64::from(self.frame_rate.numerator())
            / f64::from(self.frame_rate.denominator().max(1));
        Some((seconds * fps).round() as u64)
    }

    /// The audio stream as the outputs will receive it, if the source has audio.
    pub fn audio_spec(&self) -> Option<StreamSpec> {
        match &self.audio {
            Some(AudioPath::Copy { spec }) => Some(spec.clone()),
            Some(AudioPath::Transcode(transcoder)) => Some(transcoder.spec().clone()),
            None => None,
        }
    }

    /// Counters so far.
    pub fn stats(&self) -> SourceStats {
        self.stats
    }

    /// The next picture or audio packet; `None` at the end of the input.
    pub fn next_item(&mut self) -> Result<Option<SourceItem>, StreamError> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Ok(Some(item));
            }
            if self.finished {
                return Ok(None);
            }
            let mut packet = ffmpeg::Packet::empty();
            match packet.read(&mut self.input) {
                Ok(()) => self.route(&packet)?,
                Err(ffmpeg::Error::Eof) => self.finish()?,
                // A damaged packet: the demuxer resyncs on the next read.
                Err(ffmpeg::Error::InvalidData) => self.stats.corrupt += 1,
                Err(error) => {
                    return Err(StreamError::ffmpeg(
                        format!("read from {}", self.name),
                        error,
                    ));
                }
            }
        }
    }

    fn route(&mut self, packet: &ffmpeg::Packet) -> Result<(), StreamError> {
        let index = packet.stream();
        if index == self.video_index {
            if self.decoder.send_packet(packet).is_err() {
                self.stats.corrupt += 1;
                return Ok(());
            }
            self.drain_video()
        } else if Some(index) == self.audio_index {
            self.push_audio(packet)
        } else {
            Ok(())
        }
    }

    fn push_audio(&mut self, packet: &ffmpeg::Packet) -> Result<(), StreamError> {
        let Some(audio) = &mut self.audio else {
            return Ok(());
        };
        let packets = match audio {
            AudioPath::Copy { .. } => {
                let Some(data) = packet.data() else {
                    return Ok(());
                };
                let pts = packet.pts().or(packet.dts()).unwrap_or(0);
                vec![EncodedPacket {
                    stream: StreamKind::Audio,
                    data: data.to_vec(),
                    pts,
                    dts: packet.dts().unwrap_or(pts),
                    duration: packet.duration(),
                    keyframe: true,
                }]
            }
            AudioPath::Transcode(transcoder) => transcoder.push(packet)?,
        };
        self.stats.audio_packets += packets.len() as u64;
        self.pending
            .extend(packets.into_iter().map(SourceItem::Audio));
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StreamError> {
        self.finished = true;
        let _ = self.decoder.send_eof();
        self.drain_video()?;
        if let Some(AudioPath::Transcode(transcoder)) = &mut self.audio {
            let packets = transcoder.finish()?;
            self.stats.audio_packets += packets.len() as u64;
            self.pending
                .extend(packets.into_iter().map(SourceItem::Audio));
        }
        Ok(())
    }

    fn drain_video(&mut self) -> Result<(), StreamError> {
        let mut decoded = ffmpeg::frame::Video::empty();
        loop {
            match self.decoder.receive_frame(&mut decoded) {
                Ok(()) => {}
                Err(ffmpeg::Error::Other { errno }) if errno == ffmpeg::util::error::EAGAIN => {
                    return Ok(());
                }
                Err(ffmpeg::Error::Eof) => return Ok(()),
                Err(_) => {
                    self.stats.corrupt += 1;
                    continue;
                }
            }
            if is_damaged(&decoded) {
                self.stats.corrupt += 1;
                continue;
            }
            let Some(pts) = decoded.timestamp().or(decoded.pts()) else {
                self.stats.corrupt += 1;
                continue;
            };
            let picture = self.convert(&mut decoded, pts)?;
            self.stats.frames += 1;
            self.pending.push_back(SourceItem::Video(picture));
        }
    }

    fn convert(
        &mut self,
        decoded: &mut ffmpeg::frame::Video,
        pts: i64,
    ) -> Result<Picture, StreamError> {
        let (width, height) = self.output_size;
        let frame = if decoded.format() == Pixel::YUV420P
            && decoded.width() == width
            && decoded.height() == height
        {
            // The decoder hands out a new reference-counted picture each time: take it
            // rather than copy 3 MB a 1080p frame.
            std::mem::replace(decoded, ffmpeg::frame::Video::empty())
        } else {
            let rebuild = self.scaler.as_ref().is_none_or(|s| {
                s.input().format != decoded.format()
                    || s.input().width != decoded.width()
                    || s.input().height != decoded.height()
            });
            if rebuild {
                self.scaler = Some(
                    ffmpeg::software::scaling::Context::get(
                        decoded.format(),
                        decoded.width(),
                        decoded.height(),
                        Pixel::YUV420P,
                        width,
                        height,
                        ffmpeg::software::scaling::Flags::BILINEAR,
                    )
                    .map_err(|e| {
                        StreamError::ffmpeg(format!("scale the video of {}", self.name), e)
                    })?,
                );
            }
            let mut out = ffmpeg::frame::Video::new(Pixel::YUV420P, width, height);
            if let Some(scaler) = &mut self.scaler {
                scaler.run(decoded, &mut out).map_err(|e| {
                    StreamError::ffmpeg(format!("scale the video of {}", self.name), e)
                })?;
            }
            out
        };
        let start = *self.start_pts.get_or_insert(pts);
        Ok(Picture {
            frame,
            pts,
            time_ns: to_ns(pts - start, self.video_time_base),
        })
    }
}

/// Whether the decoder marked the picture as damaged (concealed errors).
fn is_damaged(frame: &ffmpeg::frame::Video) -> bool {
    // SAFETY: `frame` wraps a valid AVFrame; only plain integer fields are read.
    unsafe {
        let raw = &*frame.as_ptr();
        raw.decode_error_flags != 0 || (raw.flags & ffmpeg::ffi::AV_FRAME_FLAG_CORRUPT) != 0
    }
}

/// FFmpeg's input format called `name` (e.g. "lavfi"), if this build has it.
fn find_input_format(name: &str) -> Option<ffmpeg::format::format::Input> {
    let name = std::ffi::CString::new(name).ok()?;
    // SAFETY: av_find_input_format takes a NUL-terminated string and returns a pointer to
    // a static format description or NULL; the wrapper does not free it.
    unsafe {
        let format = ffmpeg::ffi::av_find_input_format(name.as_ptr());
        if format.is_null() {
            None
        } else {
            Some(ffmpeg::format::format::Input::wrap(format as *mut _))
        }
    }
}
