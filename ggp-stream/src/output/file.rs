//! Recording to a local file: MP4 (with the index moved to the front) or Matroska.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ffmpeg_next as ffmpeg;

use super::metrics::SharedMetrics;
use super::muxer::{Muxer, OpenError, Watchdog};
use super::order::PacketOrder;
use super::{EncodedPacket, OutputMetrics, OutputState, PacketOutput, StreamSpec};
use crate::StreamError;

/// The container of a recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// MP4 with `faststart`: the index is moved to the front when the file is closed, so
    /// players can start before downloading it all. A recording cut short (crash, full
    /// disk) has no index and does not play; prefer Matroska where that matters.
    Mp4,
    /// Matroska (MKV): what was written before a crash or a full disk stays playable.
    Matroska,
}

impl Container {
    /// The container for a file name: `.mp4`, `.m4v`, `.mov` give MP4, `.mkv` Matroska.
    pub fn from_path(path: &Path) -> Result<Self, StreamError> {
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("mp4" | "m4v" | "mov") => Ok(Self::Mp4),
            Some("mkv") => Ok(Self::Matroska),
            _ => Err(StreamError::UnsupportedContainer {
                target: path.display().to_string(),
                reason: "the extension is not .mp4, .m4v, .mov or .mkv; name the container \
                         explicitly with FileOutput::create_as"
                    .into(),
            }),
        }
    }

    fn muxer_name(self) -> &'static str {
        match self {
            Self::Mp4 => "mp4",
            Self::Matroska => "matroska",
        }
    }
}

/// A recording to a local file. It is closed cleanly by [`PacketOutput::finish`], by drop,
/// and after a write error (a full disk is reported as [`StreamError::DiskFull`]).
#[derive(Debug)]
pub struct FileOutput {
    path: PathBuf,
    muxer: Option<Muxer>,
    closed_because: Option<String>,
    order: PacketOrder,
    metrics: SharedMetrics,
}

impl FileOutput {
    /// Creates (or truncates) `path`, choosing the container from its extension, and writes
    /// the header for `streams` (at most one video and one audio).
    pub fn create(path: impl AsRef<Path>, streams: &[StreamSpec]) -> Result<Self, StreamError> {
        let path = path.as_ref();
        Self::create_as(path, Container::from_path(path)?, streams)
    }

    /// Like [`FileOutput::create`] with an explicit container.
    pub fn create_as(
        path: impl AsRef<Path>,
        container: Container,
        streams: &[StreamSpec],
    ) -> Result<Self, StreamError> {
        let path = path.as_ref().to_path_buf();
        let shown = path.display().to_string();
        for spec in streams {
            spec.validate(&shown)?;
        }
        let name = path.to_str().ok_or_else(|| StreamError::InvalidConfig {
            target: shown.clone(),
            reason: "FFmpeg needs a UTF-8 path".into(),
        })?;
        // "file:" keeps a name with a colon from being read as a protocol.
        let url = format!("file:{name}");
        let muxer_options: &[(&str, String)] = match container {
            Container::Mp4 => &[("movflags", "+faststart".to_owned())],
            // Clusters of a second: a crash or a full disk loses at most about that much.
            Container::Matroska => &[("cluster_time_limit", "1000".to_owned())],
        };
        let watchdog = Arc::new(Watchdog::new(Arc::new(AtomicBool::new(false)), None));
        let muxer = Muxer::open(
            &url,
            Some(container.muxer_name()),
            streams,
            &[],
            muxer_options,
            watchdog,
        )
        .map_err(|error| match error {
            OpenError::Setup(reason) => StreamError::UnsupportedContainer {
                target: shown.clone(),
                reason,
            },
            OpenError::Ffmpeg { stage, error } => file_error(&path, stage, error),
        })?;
        let file_name = path
            .file_name()
            .map_or_else(|| shown.clone(), |name| name.to_string_lossy().into_owned());
        let metrics = SharedMetrics::new(OutputMetrics::new(file_name, "file"));
        metrics.set_state(OutputState::Connected);
        Ok(Self {
            path,
            muxer: Some(muxer),
            closed_because: None,
            order: PacketOrder::default(),
            metrics,
        })
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes the muxer after a failure; the trailer is attempted so that as much as the
    /// disk took stays readable, and its own error is secondary to the first one.
    fn close_after(&mut self, error: &StreamError) {
        if let Some(mut muxer) = self.muxer.take() {
            let _ = muxer.finish();
        }
        self.closed_because = Some(error.to_string());
        self.metrics.set_error(error);
        self.metrics.set_state(OutputState::Failed);
    }
}

impl PacketOutput for FileOutput {
    fn write(&mut self, packet: &EncodedPacket) -> Result<(), StreamError> {
        let Some(muxer) = self.muxer.as_mut() else {
            return Err(StreamError::Closed {
                target: self.path.display().to_string(),
                reason: self
                    .closed_because
                    .clone()
                    .unwrap_or_else(|| "finished".into()),
            });
        };
        if !muxer.has(packet.stream) {
            return Err(StreamError::NoSuchStream {
                target: self.path.display().to_string(),
                kind: packet.stream.name(),
            });
        }
        self.order.check(&self.path.display().to_string(), packet)?;
        match muxer.write(packet) {
            Ok(()) => {
                self.metrics.record_sent(packet.data.len());
                Ok(())
            }
            Err(error) => {
                let error = file_error(&self.path, "write a packet to", error);
                self.close_after(&error);
                Err(error)
            }
        }
    }

    fn finish(&mut self) -> Result<(), StreamError> {
        let Some(mut muxer) = self.muxer.take() else {
            return Ok(());
        };
        let result = muxer
            .finish()
            .map_err(|error| file_error(&self.path, "finish", error));
        drop(muxer);
        match &result {
            Ok(()) => {
                self.closed_because = Some("finished".into());
                self.metrics.set_state(OutputState::Finished);
            }
            Err(error) => {
                self.closed_because = Some(error.to_string());
                self.metrics.set_error(error);
                self.metrics.set_state(OutputState::Failed);
            }
        }
        result
    }

    fn metrics(&self) -> OutputMetrics {
        self.metrics.snapshot()
    }
}

impl Drop for FileOutput {
    fn drop(&mut self) {
        // A recording dropped without `finish` (an early return, a panic elsewhere) still
        // gets its index written; there is no one left to tell about an error.
        let _ = self.finish();
    }
}

/// Turns an FFmpeg error on a local file into the variant a caller can act on.
fn file_error(path: &Path, stage: &str, error: ffmpeg::Error) -> StreamError {
    if let ffmpeg::Error::Other { errno } = error {
        let io = std::io::Error::from_raw_os_error(errno);
        if io.kind() == std::io::ErrorKind::StorageFull {
            return StreamError::DiskFull {
                path: path.to_path_buf(),
            };
        }
        return StreamError::Io {
            path: path.to_path_buf(),
            source: io,
        };
    }
    StreamError::ffmpeg(format!("{stage} {}", path.display()), error)
}
