//! The pictures of a spilled delay segment, compressed before they are encrypted.
//!
//! A raw 1080p picture is about 3 MB, so an hour of delay held raw would need some
//! 330 GB of disk. Each segment's pictures are therefore encoded as one closed H.264
//! stream (libx264, `ultrafast`, a low CRF: near-lossless, typically 10-30x smaller than
//! raw) that starts with its own keyframe and carries its parameter sets in-band, so a
//! segment decodes on its own, in any order, with nothing kept outside the encrypted file.
//! `ultrafast` keeps the cost to a few milliseconds a 1080p picture on one core: the
//! segment is written by the compositing thread, which must keep up with the video.
//! The pictures are shown once more, after the delay, and encoded again for the program
//! output; a near-lossless first pass keeps that second generation visually the same.

use ffmpeg::format::Pixel;
use ffmpeg::{Rational, codec};
use ffmpeg_next as ffmpeg;

use crate::StreamError;

/// How spilled pictures are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpillCodec {
    /// As decoded, byte for byte (~3 MB a 1080p picture).
    Raw,
    /// H.264 through libx264 `ultrafast` at this constant rate factor (0 is lossless,
    /// 10 is near-lossless).
    H264 {
        /// x264's constant rate factor.
        crf: u32,
    },
}

impl Default for SpillCodec {
    fn default() -> Self {
        SpillCodec::H264 { crf: 10 }
    }
}

fn codec_error(what: &str) -> impl Fn(ffmpeg::Error) -> StreamError + '_ {
    move |e| StreamError::ffmpeg(format!("{what} (delay segment)"), e)
}

/// Encodes `frames` (YUV420P, all `width` x `height`) as one closed H.264 stream; returns
/// its packets in decoding order.
pub(super) fn encode(
    frames: &mut [&mut ffmpeg::frame::Video],
    width: u32,
    height: u32,
    crf: u32,
) -> Result<Vec<Vec<u8>>, StreamError> {
    ffmpeg::init().map_err(codec_error("initialise FFmpeg"))?;
    let x264 =
        ffmpeg::encoder::find_by_name("libx264").ok_or_else(|| StreamError::InvalidConfig {
            target: "delay segment".into(),
            reason: "this FFmpeg has no libx264 to compress spilled pictures".into(),
        })?;
    let mut encoder = codec::context::Context::new_with_codec(x264)
        .encoder()
        .video()
        .map_err(codec_error("create the encoder"))?;
    encoder.set_width(width);
    encoder.set_height(height);
    encoder.set_format(Pixel::YUV420P);
    encoder.set_time_base(Rational::new(1, 30));
    // One keyframe at the start: the segment is always decoded from its beginning.
    encoder.set_gop(u32::try_from(frames.len()).unwrap_or(u32::MAX).max(1));
    // A fixed thread count keeps the stream (and so the program output) the same on every
    // machine.
    encoder.set_threading(ffmpeg::threading::Config {
        kind: ffmpeg::threading::Type::Frame,
        count: 2,
        ..Default::default()
    });
    let mut options = ffmpeg::Dictionary::new();
    options.set("preset", "ultrafast");
    options.set("crf", &crf.to_string());
    // x264's per-stream summary would be printed for every segment.
    options.set("x264-params", "log=-1");
    let mut encoder = encoder
        .open_as_with(x264, options)
        .map_err(codec_error("open the encoder"))?;
    let mut packets = Vec::new();
    let mut receive = |encoder: &mut ffmpeg::encoder::Video| {
        let mut packet = ffmpeg::Packet::empty();
        while encoder.receive_packet(&mut packet).is_ok() {
            packets.push(packet.data().map(<[u8]>::to_vec).unwrap_or_default());
        }
    };
    for (index, frame) in frames.iter_mut().enumerate() {
        frame.set_pts(Some(index as i64));
        frame.set_kind(ffmpeg::picture::Type::None);
        encoder
            .send_frame(frame)
            .map_err(codec_error("encode a picture"))?;
        receive(&mut encoder);
    }
    encoder
        .send_eof()
        .map_err(codec_error("flush the encoder"))?;
    receive(&mut encoder);
    Ok(packets)
}

/// Decodes a stream made by [`encode`] back to its `count` pictures, in order.
pub(super) fn decode(
    packets: &[&[u8]],
    count: usize,
) -> Result<Vec<ffmpeg::frame::Video>, StreamError> {
    ffmpeg::init().map_err(codec_error("initialise FFmpeg"))?;
    let h264 =
        ffmpeg::decoder::find(codec::Id::H264).ok_or_else(|| StreamError::InvalidConfig {
            target: "delay segment".into(),
            reason: "this FFmpeg has no H.264 decoder to read spilled pictures".into(),
        })?;
    let mut decoder = codec::context::Context::new_with_codec(h264)
        .decoder()
        .video()
        .map_err(codec_error("open the decoder"))?;
    let mut frames = Vec::with_capacity(count);
    let mut receive = |decoder: &mut ffmpeg::decoder::Video| {
        let mut frame = ffmpeg::frame::Video::empty();
        while decoder.receive_frame(&mut frame).is_ok() {
            frames.push(std::mem::replace(&mut frame, ffmpeg::frame::Video::empty()));
        }
    };
    for data in packets {
        decoder
            .send_packet(&ffmpeg::Packet::copy(data))
            .map_err(codec_error("decode a picture"))?;
        receive(&mut decoder);
    }
    decoder
        .send_eof()
        .map_err(codec_error("flush the decoder"))?;
    receive(&mut decoder);
    if frames.len() != count {
        return Err(StreamError::InvalidConfig {
            target: "delay segment".into(),
            reason: format!("{count} pictures were spilled but {} decoded", frames.len()),
        });
    }
    Ok(frames)
}
