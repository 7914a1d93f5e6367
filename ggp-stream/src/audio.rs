//! Audio on its way to the outputs: passed through untouched when the outputs can carry
//! the input's codec, otherwise (raw PCM from a capture card or a generated tone)
//! re-encoded once to AAC, shared by every output.

use ffmpeg::format::Sample;
use ffmpeg::format::sample::Type as SampleType;
use ffmpeg::{ChannelLayout, Rational, Rescale, codec};
use ffmpeg_next as ffmpeg;

use crate::StreamError;
use crate::output::{EncodedPacket, StreamKind, StreamSpec};

/// Codecs the MP4, MKV and FLV outputs can all carry as they are.
pub fn passes_through(codec: codec::Id) -> bool {
    matches!(codec, codec::Id::AAC | codec::Id::MP3)
}

/// Decodes audio and encodes it to AAC (LC, 128 kb/s a stereo pair), keeping its sample
/// rate and channels; timestamps are counted in samples from the first one decoded.
pub struct AacTranscoder {
    decoder: ffmpeg::decoder::Audio,
    resampler: Option<ffmpeg::software::resampling::Context>,
    encoder: ffmpeg::encoder::Audio,
    spec: StreamSpec,
    /// Planar samples waiting to fill an encoder frame.
    pending: Vec<Vec<f32>>,
    frame_size: usize,
    next_pts: i64,
    first_pts: Option<i64>,
    input_time_base: Rational,
}

impl std::fmt::Debug for AacTranscoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AacTranscoder")
            .field("frame_size", &self.frame_size)
            .field("next_pts", &self.next_pts)
            .finish_non_exhaustive()
    }
}

impl AacTranscoder {
    /// A transcoder for an input stream with `parameters` in `time_base`.
    pub fn new(
        parameters: codec::Parameters,
        time_base: Rational,
        source: &str,
    ) -> Result<Self, StreamError> {
        let fail = |what: &str| {
            let context = format!("{what} for the audio of {source}");
            move |e| StreamError::ffmpeg(context, e)
        };
        let decoder = codec::context::Context::from_parameters(parameters)
            .map_err(fail("read the codec parameters"))?
            .decoder()
            .audio()
            .map_err(fail("open the audio decoder"))?;
        let rate = decoder.rate();
        let channels = i32::from(decoder.channels()).clamp(1, 8);
        let layout = ChannelLayout::default(channels);
        let aac =
            ffmpeg::encoder::find(codec::Id::AAC).ok_or_else(|| StreamError::InvalidConfig {
                target: source.to_owned(),
                reason: "this FFmpeg has no AAC encoder".into(),
            })?;
        let mut encoder = codec::context::Context::new_with_codec(aac)
            .encoder()
            .audio()
            .map_err(fail("create the AAC encoder"))?;
        encoder.set_rate(rate as i32);
        encoder.set_channel_layout(layout);
        encoder.set_format(Sample::F32(SampleType::Planar));
        encoder.set_bit_rate(64_000 * channels as usize);
        encoder.set_time_base(Rational::new(1, rate as i32));
        // MP4, MKV and FLV want the AudioSpecificConfig in the header.
        encoder.set_flags(codec::Flags::GLOBAL_HEADER);
        let encoder = encoder.open_as(aac).map_err(fail("open the AAC encoder"))?;
        let mut spec = StreamSpec::from_codec_context(&encoder)?;
        spec.time_base = Rational::new(1, rate as i32);
        let frame_size = (encoder.frame_size() as usize).max(1);
        Ok(AacTranscoder {
            decoder,
            resampler: None,
            encoder,
            spec,
            pending: vec![Vec::new(); channels as usize],
            frame_size,
            next_pts: 0,
            first_pts: None,
            input_time_base: time_base,
        })
    }

    /// How the AAC stream is described to the outputs.
    pub fn spec(&self) -> &StreamSpec {
        &self.spec
    }

    /// Feeds one input packet; returns the AAC packets it completed.
    pub fn push(&mut self, packet: &ffmpeg::Packet) -> Result<Vec<EncodedPacket>, StreamError> {
        if self.first_pts.is_none()
            && let Some(pts) = packet.pts()
        {
            // Keep the audio where it was against the video: start counting samples at
            // the first packet's time.
            self.first_pts = Some(pts);
            self.next_pts = pts.rescale(self.input_time_base, self.spec.time_base);
        }
        // A corrupt audio packet is skipped: the encoder sees a short gap, not an error.
        if self.decoder.send_packet(packet).is_err() {
            return Ok(Vec::new());
        }
        self.drain_decoder()
    }

    /// Flushes everything buffered; call once at the end.
    pub fn finish(&mut self) -> Result<Vec<EncodedPacket>, StreamError> {
        let _ = self.decoder.send_eof();
        let mut out = self.drain_decoder()?;
        // Pad the last partial frame with silence so no sample is lost.
        if self.pending.first().is_some_and(|p| !p.is_empty()) {
            for plane in &mut self.pending {
                plane.resize(self.frame_size, 0.0);
            }
            out.extend(self.encode_pending()?);
        }
        self.encoder
            .send_eof()
            .map_err(|e| StreamError::ffmpeg("flush the AAC encoder", e))?;
        out.extend(self.receive()?);
        Ok(out)
    }

    fn drain_decoder(&mut self) -> Result<Vec<EncodedPacket>, StreamError> {
        let mut out = Vec::new();
        let mut decoded = ffmpeg::frame::Audio::empty();
        while self.decoder.receive_frame(&mut decoded).is_ok() {
            let planar = self.planar_f32(&decoded)?;
            for (plane, samples) in self.pending.iter_mut().zip(planar) {
                plane.extend(samples);
            }
            while self
                .pending
                .first()
                .is_some_and(|p| p.len() >= self.frame_size)
            {
                out.extend(self.encode_pending()?);
            }
        }
        Ok(out)
    }

    fn planar_f32(&mut self, frame: &ffmpeg::frame::Audio) -> Result<Vec<Vec<f32>>, StreamError> {
        let channels = self.pending.len();
        let wanted = Sample::F32(SampleType::Planar);
        let converted;
        let frame = if frame.format() == wanted && frame.channels() as usize == channels {
            frame
        } else {
            if self.resampler.is_none() {
                let mut layout = frame.channel_layout();
                if layout.is_empty() {
                    layout = ChannelLayout::default(i32::from(frame.channels()));
                }
                self.resampler = Some(
                    ffmpeg::software::resampling::Context::get(
                        frame.format(),
                        layout,
                        frame.rate(),
                        wanted,
                        ChannelLayout::default(channels as i32),
                        frame.rate(),
                    )
                    .map_err(|e| StreamError::ffmpeg("set up audio conversion", e))?,
                );
            }
            let mut out = ffmpeg::frame::Audio::empty();
            if let Some(resampler) = &mut self.resampler {
                resampler
                    .run(frame, &mut out)
                    .map_err(|e| StreamError::ffmpeg("convert audio samples", e))?;
            }
            converted = out;
            &converted
        };
        let samples = frame.samples();
        Ok((0..channels)
            .map(|c| {
                frame
                    .plane::<f32>(c)
                    .iter()
                    .take(samples)
                    .copied()
                    .collect()
            })
            .collect())
    }

    fn encode_pending(&mut self) -> Result<Vec<EncodedPacket>, StreamError> {
        let channels = self.pending.len();
        let mut frame = ffmpeg::frame::Audio::new(
            Sample::F32(SampleType::Planar),
            self.frame_size,
            ChannelLayout::default(channels as i32),
        );
        frame.set_rate(self.spec_rate());
        for (c, plane) in self.pending.iter_mut().enumerate() {
            let take: Vec<f32> = plane.drain(..self.frame_size.min(plane.len())).collect();
            let dst = frame.plane_mut::<f32>(c);
            dst[..take.len()].copy_from_slice(&take);
        }
        frame.set_pts(Some(self.next_pts));
        self.next_pts += self.frame_size as i64;
        self.encoder
            .send_frame(&frame)
            .map_err(|e| StreamError::ffmpeg("encode audio to AAC", e))?;
        self.receive()
    }

    fn spec_rate(&self) -> u32 {
        match self.spec.media {
            crate::output::MediaSpec::Audio { sample_rate, .. } => sample_rate,
            crate::output::MediaSpec::Video { .. } => 48_000,
        }
    }

    fn receive(&mut self) -> Result<Vec<EncodedPacket>, StreamError> {
        let mut out = Vec::new();
        let mut packet = ffmpeg::Packet::empty();
        while self.encoder.receive_packet(&mut packet).is_ok() {
            out.push(EncodedPacket {
                stream: StreamKind::Audio,
                data: packet.data().map(<[u8]>::to_vec).unwrap_or_default(),
                pts: packet.pts().unwrap_or(0),
                dts: packet.dts().unwrap_or(0),
                duration: packet.duration(),
                keyframe: true,
            });
        }
        Ok(out)
    }
}
