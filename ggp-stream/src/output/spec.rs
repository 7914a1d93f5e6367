//! What a muxer needs to know about a stream to write a container header.

use ffmpeg::Rational;
use ffmpeg::codec::Id as CodecId;
use ffmpeg::format::{Pixel, Sample};
use ffmpeg_next as ffmpeg;

use super::StreamKind;
use crate::StreamError;

/// The kind-specific half of a [`StreamSpec`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaSpec {
    /// A video stream.
    Video {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// Pixel format of the encoded pictures (e.g. YUV420P).
        pixel_format: Pixel,
        /// Nominal frame rate, used by containers that store one (0/1 when unknown).
        frame_rate: Rational,
    },
    /// An audio stream.
    Audio {
        /// Samples per second.
        sample_rate: u32,
        /// Number of channels.
        channels: u32,
        /// FFmpeg's native channel mask (AV_CH_*); 0 means the default layout for
        /// `channels`.
        channel_layout_mask: u64,
        /// Sample format the encoder took (e.g. FLTP for AAC).
        sample_format: Sample,
        /// Samples per packet (e.g. 1024 for AAC); 0 when variable.
        frame_size: u32,
    },
}

/// An owned description of one encoded stream: enough for any muxer to write its header.
///
/// It is `Send + Clone`, so the same description can be handed to many outputs, each on
/// its own thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamSpec {
    /// FFmpeg's codec id (H264, HEVC, AAC, ...).
    pub codec: CodecId,
    /// Codec-specific global header (SPS/PPS for H.264 with a global header,
    /// AudioSpecificConfig for AAC); empty when the codec has none.
    pub extradata: Vec<u8>,
    /// Time base of the packets' `pts`, `dts` and `duration`.
    pub time_base: Rational,
    /// Average bit rate in bits per second, 0 when unknown.
    pub bit_rate: i64,
    /// Video or audio details.
    pub media: MediaSpec,
}

impl StreamSpec {
    /// Whether this describes the video or the audio stream.
    pub fn kind(&self) -> StreamKind {
        match self.media {
            MediaSpec::Video { .. } => StreamKind::Video,
            MediaSpec::Audio { .. } => StreamKind::Audio,
        }
    }

    /// Reads the description from an opened encoder (or any codec context): codec id, size
    /// or sample layout, extradata, time base and bit rate.
    ///
    /// Open the encoder with the global-header flag when the target container wants one
    /// (MP4, MKV, FLV); otherwise the parameter sets travel in band.
    pub fn from_codec_context(context: &ffmpeg::codec::Context) -> Result<Self, StreamError> {
        let mut parameters = ffmpeg::codec::Parameters::new();
        // SAFETY: `context` wraps a valid AVCodecContext for the lifetime of the borrow and
        // `parameters` owns a freshly allocated AVCodecParameters to copy into;
        // `time_base` and `framerate` are plain fields.
        let (status, time_base, frame_rate) = unsafe {
            let status = ffmpeg::ffi::avcodec_parameters_from_context(
                parameters.as_mut_ptr(),
                context.as_ptr(),
            );
            let raw = &*context.as_ptr();
            (
                status,
                Rational::from(raw.time_base),
                Rational::from(raw.framerate),
            )
        };
        if status < 0 {
            return Err(StreamError::ffmpeg(
                "read the encoder's parameters",
                ffmpeg::Error::from(status),
            ));
        }
        let mut spec = Self::from_parameters(&parameters, time_base)?;
        if let MediaSpec::Video {
            frame_rate: rate, ..
        } = &mut spec.media
        {
            *rate = frame_rate;
        }
        Ok(spec)
    }

    /// Reads the description from codec parameters, e.g. those of a demuxed input stream
    /// whose packets are passed through without decoding (`stream.parameters()`, with
    /// `stream.time_base()`). The frame rate is left unknown (0/1).
    pub fn from_parameters(
        parameters: &ffmpeg::codec::Parameters,
        time_base: Rational,
    ) -> Result<Self, StreamError> {
        // SAFETY: `parameters` wraps a valid AVCodecParameters for the lifetime of the
        // borrow; we only read plain fields and copy `extradata_size` bytes from
        // `extradata`, which FFmpeg allocates with at least that size.
        let spec = unsafe {
            let raw = &*parameters.as_ptr();
            let extradata = if raw.extradata.is_null() || raw.extradata_size <= 0 {
                Vec::new()
            } else {
                std::slice::from_raw_parts(raw.extradata, raw.extradata_size as usize).to_vec()
            };
            let media = match parameters.medium() {
                ffmpeg::media::Type::Video => MediaSpec::Video {
                    width: u32::try_from(raw.width).unwrap_or(0),
                    height: u32::try_from(raw.height).unwrap_or(0),
                    pixel_format: pixel_format(raw.format),
                    frame_rate: Rational(0, 1),
                },
                ffmpeg::media::Type::Audio => {
                    let layout = raw.ch_layout;
                    let mask =
                        if layout.order == ffmpeg::ffi::AVChannelOrder::AV_CHANNEL_ORDER_NATIVE {
                            layout.u.mask
                        } else {
                            0
                        };
                    MediaSpec::Audio {
                        sample_rate: u32::try_from(raw.sample_rate).unwrap_or(0),
                        channels: u32::try_from(layout.nb_channels).unwrap_or(0),
                        channel_layout_mask: mask,
                        sample_format: sample_format(raw.format),
                        frame_size: u32::try_from(raw.frame_size).unwrap_or(0),
                    }
                }
                other => {
                    return Err(StreamError::InvalidStreamSpec {
                        target: "codec parameters".into(),
                        reason: format!("{other:?} streams are not muxed, only video and audio"),
                    });
                }
            };
            StreamSpec {
                codec: CodecId::from(raw.codec_id),
                extradata,
                time_base,
                bit_rate: raw.bit_rate,
                media,
            }
        };
        spec.validate("codec parameters")?;
        Ok(spec)
    }

    /// Checks that a muxer can write a header from this description.
    pub fn validate(&self, target: &str) -> Result<(), StreamError> {
        let invalid = |reason: String| StreamError::InvalidStreamSpec {
            target: target.to_owned(),
            reason,
        };
        if self.codec == CodecId::None {
            return Err(invalid(format!(
                "the {} stream has no codec",
                self.kind().name()
            )));
        }
        if self.time_base.numerator() <= 0 || self.time_base.denominator() <= 0 {
            return Err(invalid(format!(
                "the {} stream's time base {}/{} is not positive",
                self.kind().name(),
                self.time_base.numerator(),
                self.time_base.denominator()
            )));
        }
        match &self.media {
            MediaSpec::Video { width, height, .. } if *width == 0 || *height == 0 => {
                Err(invalid(format!("video size {width}x{height} is empty")))
            }
            MediaSpec::Audio {
                sample_rate,
                channels,
                ..
            } if *sample_rate == 0 || *channels == 0 => Err(invalid(format!(
                "audio with {sample_rate} Hz and {channels} channels"
            ))),
            _ => Ok(()),
        }
    }

    /// Codec parameters for a muxer's stream, with no codec tag so that any container
    /// picks its own.
    pub(crate) fn to_parameters(&self) -> ffmpeg::codec::Parameters {
        let mut parameters = ffmpeg::codec::Parameters::new();
        // SAFETY: `parameters` owns a freshly allocated AVCodecParameters; extradata is
        // allocated with av_mallocz including the padding FFmpeg requires, and ownership
        // passes to the parameters, which free it with avcodec_parameters_free.
        unsafe {
            let raw = &mut *parameters.as_mut_ptr();
            raw.codec_id = self.codec.into();
            raw.codec_tag = 0;
            raw.bit_rate = self.bit_rate;
            if !self.extradata.is_empty() {
                let padding = ffmpeg::ffi::AV_INPUT_BUFFER_PADDING_SIZE as usize;
                let buffer = ffmpeg::ffi::av_mallocz(self.extradata.len() + padding) as *mut u8;
                if !buffer.is_null() {
                    std::ptr::copy_nonoverlapping(
                        self.extradata.as_ptr(),
                        buffer,
                        self.extradata.len(),
                    );
                    raw.extradata = buffer;
                    raw.extradata_size = i32::try_from(self.extradata.len()).unwrap_or(0);
                }
            }
            match &self.media {
                MediaSpec::Video {
                    width,
                    height,
                    pixel_format,
                    ..
                } => {
                    raw.codec_type = ffmpeg::ffi::AVMediaType::AVMEDIA_TYPE_VIDEO;
                    raw.width = i32::try_from(*width).unwrap_or(0);
                    raw.height = i32::try_from(*height).unwrap_or(0);
                    raw.format = ffmpeg::ffi::AVPixelFormat::from(*pixel_format) as i32;
                    raw.sample_aspect_ratio = ffmpeg::ffi::AVRational { num: 1, den: 1 };
                }
                MediaSpec::Audio {
                    sample_rate,
                    channels,
                    channel_layout_mask,
                    sample_format,
                    frame_size,
                } => {
                    raw.codec_type = ffmpeg::ffi::AVMediaType::AVMEDIA_TYPE_AUDIO;
                    raw.sample_rate = i32::try_from(*sample_rate).unwrap_or(0);
                    raw.format = ffmpeg::ffi::AVSampleFormat::from(*sample_format) as i32;
                    raw.frame_size = i32::try_from(*frame_size).unwrap_or(0);
                    let channels = i32::try_from(*channels).unwrap_or(0);
                    let from_mask = *channel_layout_mask != 0
                        && ffmpeg::ffi::av_channel_layout_from_mask(
                            &mut raw.ch_layout,
                            *channel_layout_mask,
                        ) == 0
                        && raw.ch_layout.nb_channels == channels;
                    if !from_mask {
                        ffmpeg::ffi::av_channel_layout_default(&mut raw.ch_layout, channels);
                    }
                }
            }
        }
        parameters
    }
}

/// The pixel format an AVCodecParameters `format` holds; out-of-range values (a newer
/// FFmpeg at run time than at build time) read as none rather than as an invalid enum.
fn pixel_format(raw: i32) -> Pixel {
    use ffmpeg::ffi::AVPixelFormat;
    if raw < AVPixelFormat::AV_PIX_FMT_NONE as i32 || raw >= AVPixelFormat::AV_PIX_FMT_NB as i32 {
        return Pixel::None;
    }
    // SAFETY: AVPixelFormat is a C enum numbered contiguously from NONE (-1) to NB, and
    // `raw` was just checked to lie in that range.
    Pixel::from(unsafe { std::mem::transmute::<i32, AVPixelFormat>(raw) })
}

/// The sample format an AVCodecParameters `format` holds, like [`pixel_format`].
fn sample_format(raw: i32) -> Sample {
    use ffmpeg::ffi::AVSampleFormat;
    if raw < AVSampleFormat::AV_SAMPLE_FMT_NONE as i32
        || raw >= AVSampleFormat::AV_SAMPLE_FMT_NB as i32
    {
        return Sample::None;
    }
    // SAFETY: AVSampleFormat is a C enum numbered contiguously from NONE (-1) to NB, and
    // `raw` was just checked to lie in that range.
    Sample::from(unsafe { std::mem::transmute::<i32, AVSampleFormat>(raw) })
}
