//! A thin safe shell over an FFmpeg output context: open a file or URL with an interrupt
//! flag, write the header from [`StreamSpec`]s, write packets, write the trailer.

use std::ffi::{CString, c_int, c_void};
use std::ptr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use ffmpeg::Rational;
use ffmpeg::ffi;
use ffmpeg_next as ffmpeg;

use super::{EncodedPacket, StreamKind, StreamSpec};

/// Where one of our streams went in the container, and how its timestamps convert.
#[derive(Debug, Clone, Copy)]
struct MuxedStream {
    index: usize,
    source_time_base: Rational,
    muxer_time_base: Rational,
}

/// An open output context with its header written.
pub(crate) struct Muxer {
    // Dropped before `watchdog`, which the context's callback points at.
    output: ffmpeg::format::context::Output,
    watchdog: Arc<Watchdog>,
    video: Option<MuxedStream>,
    audio: Option<MuxedStream>,
    trailer_written: bool,
}

impl std::fmt::Debug for Muxer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Muxer")
            .field("video", &self.video)
            .field("audio", &self.audio)
            .field("trailer_written", &self.trailer_written)
            .finish_non_exhaustive()
    }
}

/// Where an open failed, so callers can tell a bad setting from an unreachable peer.
#[derive(Debug)]
pub(crate) enum OpenError {
    /// The container or options are unusable; retrying will not help.
    Setup(String),
    /// FFmpeg failed during `stage` ("open", "write the header of").
    Ffmpeg {
        stage: &'static str,
        error: ffmpeg::Error,
    },
}

/// Decides when FFmpeg's blocking I/O must give up: when the owner aborts, or when one
/// operation (open, a write, the trailer) has run longer than the I/O timeout, which is how
/// a peer that stopped reading without closing the connection is detected.
#[derive(Debug)]
pub(crate) struct Watchdog {
    abort: Arc<AtomicBool>,
    epoch: Instant,
    /// Milliseconds since `epoch` (plus one, so 0 means idle) when the current
    /// operation started.
    operation_started_ms: AtomicU64,
    timeout_ms: u64,
    /// Set when a muxer is dropped without its trailer (a failed connection): closing it
    /// must not wait on the peer to flush what is buffered.
    abandoned: AtomicBool,
}

impl Watchdog {
    /// A watchdog that fires on `abort` or after `timeout` in one operation (`None`: never
    /// on time).
    pub(crate) fn new(abort: Arc<AtomicBool>, timeout: Option<Duration>) -> Self {
        Self {
            abort,
            epoch: Instant::now(),
            operation_started_ms: AtomicU64::new(0),
            timeout_ms: timeout.map_or(0, |limit| limit.as_millis().max(1) as u64),
            abandoned: AtomicBool::new(false),
        }
    }

    fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64 + 1
    }

    fn guard(&self) -> OperationGuard<'_> {
        self.operation_started_ms
            .store(self.now_ms(), Ordering::Relaxed);
        OperationGuard { watchdog: self }
    }

    fn fired(&self) -> bool {
        if self.abort.load(Ordering::Relaxed) || self.abandoned.load(Ordering::Relaxed) {
            return true;
        }
        let started = self.operation_started_ms.load(Ordering::Relaxed);
        self.timeout_ms != 0 && started != 0 && self.now_ms() - started > self.timeout_ms
    }
}

struct OperationGuard<'a> {
    watchdog: &'a Watchdog,
}

impl Drop for OperationGuard<'_> {
    fn drop(&mut self) {
        self.watchdog
            .operation_started_ms
            .store(0, Ordering::Relaxed);
    }
}

unsafe extern "C" fn interrupt_requested(opaque: *mut c_void) -> c_int {
    // SAFETY: `opaque` is `Arc::as_ptr` of the muxer's watchdog, which outlives the
    // output context (see the field order of `Muxer`).
    let watchdog = unsafe { &*(opaque as *const Watchdog) };
    c_int::from(watchdog.fired())
}

impl Muxer {
    /// Opens `url` (a path or a protocol URL) with the given container (`None`: guessed
    /// from the name), adds one stream per spec and writes the header.
    ///
    /// `io_options` go to the protocol, `muxer_options` to the muxer (e.g. `movflags`).
    /// Blocking I/O gives up when the watchdog fires.
    pub(crate) fn open(
        url: &str,
        container: Option<&str>,
        specs: &[StreamSpec],
        io_options: &[(&str, String)],
        muxer_options: &[(&str, String)],
        watchdog: Arc<Watchdog>,
    ) -> Result<Self, OpenError> {
        let _operation = watchdog.guard();
        let url_c = CString::new(url)
            .map_err(|_| OpenError::Setup("the name contains a NUL byte".into()))?;
        let container_c = container
            .map(CString::new)
            .transpose()
            .map_err(|_| OpenError::Setup("the container name contains a NUL byte".into()))?;
        let mut output = allocate(&url_c, container_c.as_ref(), &watchdog)?;

        // SAFETY: `output` owns a valid AVFormatContext; `pb` is opened at most once here
        // and closed by the context's destructor (avio_close accepts NULL for NOFILE muxers).
        unsafe {
            let raw = output.as_mut_ptr();
            if (*(*raw).oformat).flags & ffi::AVFMT_NOFILE as c_int == 0 {
                let mut options = dictionary(io_options).disown();
                let status = ffi::avio_open2(
                    &mut (*raw).pb,
                    url_c.as_ptr(),
                    ffi::AVIO_FLAG_WRITE as c_int,
                    &(*raw).interrupt_callback,
                    &mut options,
                );
                drop(ffmpeg::Dictionary::own(options));
                if status < 0 {
                    return Err(OpenError::Ffmpeg {
                        stage: "open",
                        error: status.into(),
                    });
                }
            }
        }

        let mut video = None;
        let mut audio = None;
        for spec in specs {
            let slot = match spec.kind() {
                StreamKind::Video => &mut video,
                StreamKind::Audio => &mut audio,
            };
            if slot.is_some() {
                return Err(OpenError::Setup(format!(
                    "more than one {} stream was given",
                    spec.kind().name()
                )));
            }
            *slot = Some(add_stream(&mut output, spec)?);
        }
        if video.is_none() && audio.is_none() {
            return Err(OpenError::Setup("no stream was given".into()));
        }

        let unused: Vec<String> = output
            .write_header_with(dictionary(muxer_options))
            .map_err(|error| OpenError::Ffmpeg {
                stage: "write the header of",
                error,
            })?
            .iter()
            .map(|(key, _)| key.to_owned())
            .collect();
        // A muxer ignores options it does not know; a misspelt one would silently change
        // nothing, so it is an error here.
        if !unused.is_empty() {
            return Err(OpenError::Setup(format!(
                "the muxer did not take the options {unused:?}"
            )));
        }
        // The muxer may have changed each stream's time base (FLV: 1/1000, MPEG-TS: 1/90000).
        for muxed in [&mut video, &mut audio].into_iter().flatten() {
            if let Some(stream) = output.stream(muxed.index) {
                muxed.muxer_time_base = stream.time_base();
            }
        }
        drop(_operation);
        Ok(Self {
            output,
            watchdog,
            video,
            audio,
            trailer_written: false,
        })
    }

    /// Whether the output has a stream of this kind.
    pub(crate) fn has(&self, kind: StreamKind) -> bool {
        match kind {
            StreamKind::Video => self.video.is_some(),
            StreamKind::Audio => self.audio.is_some(),
        }
    }

    /// Writes one packet, interleaved with the other stream by the muxer. A packet for a
    /// stream the output does not have is an `EINVAL` error.
    pub(crate) fn write(&mut self, packet: &EncodedPacket) -> Result<(), ffmpeg::Error> {
        let muxed = match packet.stream {
            StreamKind::Video => self.video,
            StreamKind::Audio => self.audio,
        }
        .ok_or(ffmpeg::Error::Other {
            errno: ffmpeg::util::error::EINVAL,
        })?;
        let mut av_packet = ffmpeg::Packet::copy(&packet.data);
        av_packet.set_stream(muxed.index);
        av_packet.set_pts(Some(packet.pts));
        av_packet.set_dts(Some(packet.dts));
        av_packet.set_duration(packet.duration);
        if packet.keyframe {
            av_packet.set_flags(ffmpeg::packet::Flags::KEY);
        }
        av_packet.rescale_ts(muxed.source_time_base, muxed.muxer_time_base);
        let _operation = self.watchdog.guard();
        av_packet.write_interleaved(&mut self.output)
    }

    /// Flushes interleaving queues and writes the trailer (MP4's index, MKV's cues).
    /// Only the first call writes; later calls do nothing.
    pub(crate) fn finish(&mut self) -> Result<(), ffmpeg::Error> {
        if self.trailer_written {
            return Ok(());
        }
        self.trailer_written = true;
        let _operation = self.watchdog.guard();
        self.output.write_trailer()?;
        // SAFETY: `pb` is either NULL (NOFILE muxers) or the context we opened; a write
        // error that happened while flushing is recorded in `error`.
        unsafe {
            let pb = (*self.output.as_ptr()).pb;
            if !pb.is_null() {
                ffi::avio_flush(pb);
                if (*pb).error < 0 {
                    return Err(ffmpeg::Error::from((*pb).error));
                }
            }
        }
        Ok(())
    }
}

impl Drop for Muxer {
    fn drop(&mut self) {
        // Runs before the fields drop: closing the output after a failure then gives up
        // at once instead of blocking on a peer that stopped reading.
        if !self.trailer_written {
            self.watchdog.abandoned.store(true, Ordering::Relaxed);
        }
    }
}

fn allocate(
    url: &CString,
    container: Option<&CString>,
    watchdog: &Arc<Watchdog>,
) -> Result<ffmpeg::format::context::Output, OpenError> {
    let mut raw = ptr::null_mut();
    // SAFETY: the strings outlive the call; on success FFmpeg returns an owned context
    // that `Output::wrap` takes over and frees on drop.
    unsafe {
        let status = ffi::avformat_alloc_output_context2(
            &mut raw,
            ptr::null_mut(),
            container.map_or(ptr::null(), |name| name.as_ptr()),
            url.as_ptr(),
        );
        if status < 0 || raw.is_null() {
            return Err(OpenError::Setup(match container {
                Some(name) => format!("FFmpeg has no {:?} muxer", name),
                None => "no container matches the name's extension".into(),
            }));
        }
        (*raw).interrupt_callback = ffi::AVIOInterruptCB {
            callback: Some(interrupt_requested),
            opaque: Arc::as_ptr(watchdog) as *mut c_void,
        };
        Ok(ffmpeg::format::context::Output::wrap(raw))
    }
}

fn add_stream(
    output: &mut ffmpeg::format::context::Output,
    spec: &StreamSpec,
) -> Result<MuxedStream, OpenError> {
    let parameters = spec.to_parameters();
    // SAFETY: the context is valid; avformat_new_stream returns a stream owned by it (or
    // NULL), whose codecpar we overwrite with a copy of our parameters.
    unsafe {
        let stream = ffi::avformat_new_stream(output.as_mut_ptr(), ptr::null());
        if stream.is_null() {
            return Err(OpenError::Setup("FFmpeg could not add a stream".into()));
        }
        let status = ffi::avcodec_parameters_copy((*stream).codecpar, parameters.as_ptr());
        if status < 0 {
            return Err(OpenError::Ffmpeg {
                stage: "describe a stream of",
                error: status.into(),
            });
        }
        (*stream).time_base = spec.time_base.into();
        if let super::MediaSpec::Video { frame_rate, .. } = spec.media {
            if frame_rate.numerator() > 0 && frame_rate.denominator() > 0 {
                (*stream).avg_frame_rate = frame_rate.into();
                (*stream).r_frame_rate = frame_rate.into();
            }
        }
        let index = usize::try_from((*stream).index).unwrap_or(0);
        Ok(MuxedStream {
            index,
            source_time_base: spec.time_base,
            muxer_time_base: spec.time_base,
        })
    }
}

fn dictionary<'a>(options: &[(&str, String)]) -> ffmpeg::Dictionary<'a> {
    let mut dictionary = ffmpeg::Dictionary::new();
    for (key, value) in options {
        dictionary.set(key, value);
    }
    dictionary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::MediaSpec;

    fn video_spec() -> StreamSpec {
        StreamSpec {
            codec: ffmpeg::codec::Id::H264,
            extradata: Vec::new(),
            time_base: Rational(1, 25),
            bit_rate: 0,
            media: MediaSpec::Video {
                width: 320,
                height: 180,
                pixel_format: ffmpeg::format::Pixel::YUV420P,
                frame_rate: Rational(25, 1),
            },
        }
    }

    fn open_null(muxer_options: &[(&str, String)]) -> Result<Muxer, OpenError> {
        let watchdog = Arc::new(Watchdog::new(Arc::new(AtomicBool::new(false)), None));
        Muxer::open(
            "null",
            Some("null"),
            &[video_spec()],
            &[],
            muxer_options,
            watchdog,
        )
    }

    #[test]
    fn an_option_the_muxer_does_not_take_is_an_error() {
        assert!(open_null(&[]).is_ok());
        match open_null(&[("no_such_option", "1".into())]) {
            Err(OpenError::Setup(reason)) => assert!(reason.contains("no_such_option"), "{reason}"),
            other => panic!("expected a setup error, got {other:?}"),
        }
    }

    #[test]
    fn two_streams_of_one_kind_or_none_at_all_are_refused() {
        let watchdog = Arc::new(Watchdog::new(Arc::new(AtomicBool::new(false)), None));
        let two = [video_spec(), video_spec()];
        let result = Muxer::open("null", Some("null"), &two, &[], &[], watchdog.clone());
        assert!(matches!(result, Err(OpenError::Setup(_))));
        let result = Muxer::open("null", Some("null"), &[], &[], &[], watchdog);
        assert!(matches!(result, Err(OpenError::Setup(_))));
    }

    #[test]
    fn the_watchdog_fires_on_abort_or_after_the_timeout_of_one_operation() {
        let abort = Arc::new(AtomicBool::new(false));
        let watchdog = Watchdog::new(abort.clone(), Some(Duration::from_millis(20)));
        assert!(!watchdog.fired(), "idle");
        {
            let _operation = watchdog.guard();
            assert!(!watchdog.fired(), "just started");
            std::thread::sleep(Duration::from_millis(40));
            assert!(watchdog.fired(), "ran past the timeout");
        }
        assert!(!watchdog.fired(), "idle again");
        abort.store(true, Ordering::Relaxed);
        assert!(watchdog.fired(), "aborted");
    }
}
