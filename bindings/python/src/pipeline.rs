//! The frame pipeline for Python: `Pipeline.open(settings)` starts a pipeline described by
//! TOML or JSON text. Glue only: every call goes to `ggp_stream::session::PipelineSession`.

use ggp_stream::StreamError;
use ggp_stream::config::SettingsFormat;
use ggp_stream::output::{Feed, FramePixels, FrameRef};
use ggp_stream::session::PipelineSession;
use pyo3::create_exception;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyType};

use crate::{GgpError, Text};

create_exception!(
    ggp,
    PipelineSettingsError,
    GgpError,
    "Pipeline settings that cannot be read or used (code \"pipeline_settings\"); the \
     message names the field and the line."
);
create_exception!(
    ggp,
    PipelineInputError,
    GgpError,
    "Event JSON or a hand history a pipeline cannot read (code \"pipeline_input\")."
);
create_exception!(
    ggp,
    PipelineMediaError,
    GgpError,
    "A source, encoder or output of a pipeline failed (code \"pipeline_media\")."
);
create_exception!(
    ggp,
    PipelineGraphicsError,
    GgpError,
    "A pipeline's graphics could not be drawn (code \"pipeline_graphics\")."
);
create_exception!(
    ggp,
    PipelineFinishedError,
    GgpError,
    "The pipeline has finished: wait() returned (code \"pipeline_finished\")."
);

/// The exception class and code of a pipeline error (the README's error table).
fn to_py_err(py: Python<'_>, error: &StreamError) -> PyErr {
    let (class, code) = match error {
        StreamError::Settings { .. } => {
            (py.get_type::<PipelineSettingsError>(), "pipeline_settings")
        }
        StreamError::InvalidInput { .. } => (py.get_type::<PipelineInputError>(), "pipeline_input"),
        StreamError::Overlay { .. } => {
            (py.get_type::<PipelineGraphicsError>(), "pipeline_graphics")
        }
        StreamError::Closed { target, .. } if target == "pipeline" => {
            (py.get_type::<PipelineFinishedError>(), "pipeline_finished")
        }
        _ => (py.get_type::<PipelineMediaError>(), "pipeline_media"),
    };
    let py_err = PyErr::from_type(class, error.to_string());
    // Setting an attribute on a fresh exception cannot fail short of memory exhaustion.
    let _ = py_err.value(py).setattr("code", code);
    py_err
}

trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, StreamError> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|error| to_py_err(py, &error))
    }
}

fn json_to_py(py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
    Ok(py.import("json")?.call_method1("loads", (text,))?.unbind())
}

/// Each plane's rows without the stride's padding: what NumPy gets, copied.
fn packed_planes(frame: &FrameRef<'_>) -> Vec<(Vec<u8>, usize, usize, usize)> {
    let (width, height) = (frame.width as usize, frame.height as usize);
    let shapes: Vec<(usize, usize, usize)> = match frame.format {
        FramePixels::Rgba => vec![(height, width, 4)],
        FramePixels::Yuv420p => {
            let (cw, ch) = (width.div_ceil(2), height.div_ceil(2));
            vec![(height, width, 1), (ch, cw, 1), (ch, cw, 1)]
        }
    };
    shapes
        .into_iter()
        .zip(frame.planes.iter().zip(frame.strides))
        .map(|((rows, columns, channels), (plane, &stride))| {
            let row_bytes = columns * channels;
            let mut packed = Vec::with_capacity(rows * row_bytes);
            for row in 0..rows {
                let start = row * stride;
                if let Some(bytes) = plane.get(start..start + row_bytes) {
                    packed.extend_from_slice(bytes);
                }
            }
            (packed, rows, columns, channels)
        })
        .collect()
}

/// Calls `callback(feed, pts_ns, pixels)`; an exception it raises is reported as
/// unraisable (printed) and the next frame comes as usual.
fn call_back(callback: &Py<PyAny>, frame: &FrameRef<'_>) {
    let planes = packed_planes(frame);
    let feed = match frame.feed {
        Feed::Live => "live",
        Feed::Program => "program",
    };
    Python::attach(|py| {
        let result = (|| -> PyResult<()> {
            let numpy = py.import("numpy")?;
            let mut arrays = Vec::with_capacity(planes.len());
            for (bytes, rows, columns, channels) in &planes {
                let flat = numpy.call_method1("frombuffer", (PyBytes::new(py, bytes), "uint8"))?;
                let shape = if *channels == 1 {
                    flat.call_method1("reshape", ((*rows, *columns),))?
                } else {
                    flat.call_method1("reshape", ((*rows, *columns, *channels),))?
                };
                arrays.push(shape);
            }
            let pixels = if arrays.len() == 1 {
                arrays.remove(0)
            } else {
                pyo3::types::PyTuple::new(py, arrays)?.into_any()
            };
            callback.call1(py, (feed, frame.pts_ns, pixels))?;
            Ok(())
        })();
        if let Err(error) = result {
            error.write_unraisable(py, Some(callback.bind(py)));
        }
    });
}

/// A running frame pipeline: source, graphics, encoders and outputs, described by
/// settings text (the schema of examples/data/pipeline.toml).
#[pyclass(module = "ggp", name = "Pipeline")]
#[derive(Debug)]
struct PyPipeline(PipelineSession);

#[pymethods]
impl PyPipeline {
    /// Reads the settings (TOML or JSON; `format` "toml" or "json", by default guessed:
    /// text starting with `{` is JSON) and starts the pipeline.
    #[classmethod]
    #[pyo3(signature = (settings, *, format = None))]
    fn open(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        settings: Text,
        format: Option<Text>,
    ) -> PyResult<Self> {
        let format = match format {
            Some(name) => SettingsFormat::from_name(&name.0).or_raise(py)?,
            None => SettingsFormat::detect(&settings.0),
        };
        py.detach(|| PipelineSession::open(&settings.0, format))
            .map(PyPipeline)
            .or_raise(py)
    }

    /// Adds a card or action event given as FeedEvent JSON (a str) or as a dict of the
    /// same shape; returns whether a hand was running at its time.
    fn push_event(&self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<bool> {
        let json = if let Ok(text) = event.extract::<String>() {
            text
        } else {
            py.import("json")?
                .call_method1("dumps", (event,))?
                .extract::<String>()?
        };
        self.0.push_event_json(&json).or_raise(py)
    }

    /// Adds the hands of PHH text laid on the video from `start_ns` (default: after the
    /// last hand) at the settings' pace; returns when the last action is (ns).
    #[pyo3(signature = (phh, *, start_ns = None))]
    fn push_hand(&self, py: Python<'_>, phh: Text, start_ns: Option<i64>) -> PyResult<i64> {
        self.0.push_hand_phh(&phh.0, start_ns).or_raise(py)
    }

    /// The health now: frames in and out, drops, queues, encode time, the delay, and each
    /// output under "outputs".
    fn metrics(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json_to_py(py, &self.0.metrics_json())
    }

    /// The same health as Prometheus text.
    fn prometheus(&self) -> String {
        self.0.prometheus()
    }

    /// Calls `callback(feed, pts_ns, pixels)` for each frame from now on, on the
    /// pipeline's frame thread: `feed` is "live" or "program", `pixels` a (H, W, 4) uint8
    /// array (RGBA) or a tuple of the Y, U, V planes, each a copy. Which feeds, the layout
    /// and what a slow callback costs are the settings' [frames] table. An exception the
    /// callback raises is printed and the pipeline goes on.
    fn on_frame(&self, py: Python<'_>, callback: Py<PyAny>) -> PyResult<()> {
        if !callback.bind(py).is_callable() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "on_frame needs a callable",
            ));
        }
        self.0
            .set_frame_callback(Box::new(move |frame: &FrameRef<'_>| {
                call_back(&callback, frame);
            }))
            .or_raise(py)
    }

    /// Asks the pipeline to stop; what it has read is still encoded and written.
    fn stop(&self) {
        self.0.stop();
    }

    /// Whether the pipeline has ended.
    #[getter]
    fn finished(&self) -> bool {
        self.0.is_finished()
    }

    /// Waits (without holding the GIL) for the end of the input or stop(), and for the
    /// outputs to close; returns the report (the final metrics and "rejected_actions").
    fn wait(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let report = py.detach(|| self.0.wait()).or_raise(py)?;
        json_to_py(py, &PipelineSession::report_json(&report))
    }

    fn __repr__(&self) -> String {
        format!("Pipeline(finished={})", self.0.is_finished())
    }
}

/// Adds the pipeline's class and exceptions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyPipeline>()?;
    for (class, code) in [
        (py.get_type::<PipelineSettingsError>(), "pipeline_settings"),
        (py.get_type::<PipelineInputError>(), "pipeline_input"),
        (py.get_type::<PipelineMediaError>(), "pipeline_media"),
        (py.get_type::<PipelineGraphicsError>(), "pipeline_graphics"),
        (py.get_type::<PipelineFinishedError>(), "pipeline_finished"),
    ] {
        class.setattr("code", code)?;
        m.add(class.name()?, class)?;
    }
    Ok(())
}
