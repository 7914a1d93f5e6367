//! The pipeline's extra sinks beside the two encoded feeds: the raw-frame callback and key
//! and fill. The pipeline's threads offer frames here; each sink runs on its own thread
//! (see [`crate::output::FrameSink`] and [`crate::output::KeyFillSink`]).

use std::sync::{Arc, Mutex, PoisonError};

use crate::StreamError;
use crate::encode::VideoEncoderConfig;
use crate::output::key_fill::{KeyFillItem, KeyFillTap, VideoFormat};
use crate::output::{Feed, FrameSink, FrameTap, KeyFillSink, OutputMetrics};
use crate::overlay::OverlayImage;
use crate::picture::Picture;

/// Sinks given to [`crate::Pipeline::start_with`].
#[derive(Debug, Default)]
pub struct Sinks {
    /// Raw frames to an app's callback (also settable later with
    /// [`crate::Pipeline::set_frame_sink`]).
    pub frames: Option<FrameSink>,
    /// The program's graphics as key and fill.
    pub key_fill: Option<KeyFillSink>,
}

/// The running sinks, shared by the pipeline's threads.
#[derive(Debug, Default)]
pub(crate) struct Taps {
    frames: Mutex<Option<FrameTap>>,
    /// Frame sinks replaced while running, with their final metrics.
    retired: Mutex<Vec<OutputMetrics>>,
    key_fill: Mutex<Option<Arc<KeyFillTap>>>,
    key_fill_error: Mutex<Option<StreamError>>,
}

impl Taps {
    /// Starts (or replaces) the raw-frame sink.
    pub(crate) fn set_frames(&self, sink: FrameSink) -> Result<(), StreamError> {
        let tap = FrameTap::start(sink)?;
        let old = self
            .frames
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .replace(tap);
        if let Some(old) = old {
            let metrics = old.finish();
            self.retired
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(metrics);
        }
        Ok(())
    }

    /// Starts key and fill for pictures of `format`.
    pub(crate) fn start_key_fill(
        &self,
        sink: KeyFillSink,
        config: &VideoEncoderConfig,
        format: VideoFormat,
        queue_capacity: usize,
    ) -> Result<(), StreamError> {
        let tap = KeyFillTap::start(sink, config, format, queue_capacity)?;
        *self.key_fill.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(tap));
        Ok(())
    }

    /// A frame an encoder thread is about to encode.
    pub(crate) fn frame(&self, feed: Feed, picture: &Picture) {
        if let Some(tap) = &*self.frames.lock().unwrap_or_else(PoisonError::into_inner) {
            tap.offer(feed, picture);
        }
    }

    /// The overlay of a program frame, for key and fill. A failed key/fill thread is
    /// dropped (its error reported by [`Taps::finish`]); the program goes on.
    pub(crate) fn program_overlay(&self, picture: &Picture, overlay: Option<Arc<OverlayImage>>) {
        let tap = self
            .key_fill
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let Some(tap) = tap else {
            return;
        };
        let sent = tap.send(KeyFillItem {
            pts: picture.pts,
            time_ns: picture.time_ns,
            overlay,
        });
        if let Err(error) = sent {
            self.key_fill
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            self.finish_key_fill(tap);
            self.key_fill_error
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_or_insert(error);
        }
    }

    fn finish_key_fill(&self, tap: Arc<KeyFillTap>) {
        // The last holder ends the thread; a concurrent sender still holds a clone.
        if let Ok(tap) = Arc::try_unwrap(tap) {
            let (metrics, result) = tap.finish();
            self.retired
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .extend(metrics);
            if let Err(error) = result {
                let mut slot = self
                    .key_fill_error
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                // The thread's own error says more than "stopped early".
                if matches!(&*slot, None | Some(StreamError::Thread { .. })) {
                    *slot = Some(error);
                }
            }
        }
    }

    /// The sinks' metrics, as outputs.
    pub(crate) fn metrics(&self) -> Vec<OutputMetrics> {
        let mut all = self
            .retired
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(tap) = &*self.key_fill.lock().unwrap_or_else(PoisonError::into_inner) {
            all.extend(tap.metrics());
        }
        if let Some(tap) = &*self.frames.lock().unwrap_or_else(PoisonError::into_inner) {
            all.push(tap.metrics());
        }
        all
    }

    /// Closes every sink once the pipeline's threads are done: the app gets the frames
    /// still queued, key and fill are flushed and closed.
    pub(crate) fn finish(&self) -> Result<(), StreamError> {
        let frames = self
            .frames
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(tap) = frames {
            let metrics = tap.finish();
            self.retired
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(metrics);
        }
        let key_fill = self
            .key_fill
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(tap) = key_fill {
            self.finish_key_fill(tap);
        }
        match self
            .key_fill_error
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
        {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}
