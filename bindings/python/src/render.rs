//! The renderer for Python: `HandOverlay` renders a hand with a skin into a `Frame`, whose
//! pixels `Frame.to_numpy()` shows as an (H, W, 4) uint8 NumPy array without a copy.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use ggp_render::skin::{HandOverlay, HandOverlayOptions, SkinError as Failure};
use ggp_render::{AdapterChoice, AlphaMode, Frame, RenderError as Cause};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyType};

use crate::{GgpError, PyHand};

create_exception!(
    ggp,
    SkinError,
    GgpError,
    "A skin that cannot be read or used (code \"skin\"); the message names the file and line."
);
create_exception!(
    ggp,
    NoAdapterError,
    GgpError,
    "No graphics adapter, GPU or software, could render (code \"no_adapter\")."
);
create_exception!(
    ggp,
    InvalidFrameSizeError,
    GgpError,
    "A frame size outside 16 to 4096 pixels a side (code \"invalid_frame_size\")."
);
create_exception!(
    ggp,
    RenderError,
    GgpError,
    "Drawing or reading back a frame failed (code \"render\")."
);
create_exception!(
    ggp,
    InvalidViewError,
    GgpError,
    "View JSON that is not a table view (code \"invalid_view\")."
);

/// The exception class and code of a skin or render error (the README's error table).
fn exception_class<'py>(py: Python<'py>, err: &Failure) -> (Bound<'py, PyType>, &'static str) {
    match err {
        Failure::InvalidView { .. } => (py.get_type::<InvalidViewError>(), "invalid_view"),
        Failure::Render(Cause::NoAdapter { .. }) | Failure::Render(Cause::DeviceRequest { .. }) => {
            (py.get_type::<NoAdapterError>(), "no_adapter")
        }
        Failure::Render(Cause::InvalidSize { .. }) => {
            (py.get_type::<InvalidFrameSizeError>(), "invalid_frame_size")
        }
        Failure::Render(_) => (py.get_type::<RenderError>(), "render"),
        _ => (py.get_type::<SkinError>(), "skin"),
    }
}

fn to_py_err(py: Python<'_>, err: &Failure) -> PyErr {
    let (class, code) = exception_class(py, err);
    let py_err = PyErr::from_type(class, err.to_string());
    // As the core's errors: the code on the instance too (cannot fail short of memory).
    let _ = py_err.value(py).setattr("code", code);
    py_err
}

/// A rendered frame: `width` x `height` pixels, RGBA8 rows top to bottom.
#[pyclass(frozen, module = "ggp", name = "Frame")]
#[derive(Debug)]
pub(crate) struct PyFrame {
    width: u32,
    height: u32,
    alpha: AlphaMode,
    pixels: Py<PyBytes>,
}

impl PyFrame {
    fn new(py: Python<'_>, frame: &Frame) -> PyFrame {
        PyFrame {
            width: frame.width,
            height: frame.height,
            alpha: frame.alpha,
            pixels: PyBytes::new(py, &frame.pixels).unbind(),
        }
    }

    fn to_frame(&self, py: Python<'_>) -> Frame {
        Frame {
            width: self.width,
            height: self.height,
            pixels: self.pixels.as_bytes(py).to_vec(),
            alpha: self.alpha,
        }
    }
}

#[pymethods]
impl PyFrame {
    /// Width in pixels.
    #[getter]
    fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    #[getter]
    fn height(&self) -> u32 {
        self.height
    }

    /// "straight" or "premultiplied".
    #[getter]
    fn alpha(&self) -> &'static str {
        alpha_name(self.alpha)
    }

    /// The pixels: `height` rows of `width * 4` bytes, R, G, B, A.
    #[getter]
    fn pixels(&self, py: Python<'_>) -> Py<PyBytes> {
        self.pixels.clone_ref(py)
    }

    /// The pixels as a read-only (height, width, 4) uint8 NumPy array sharing this
    /// frame's memory (no copy). Needs numpy installed.
    fn to_numpy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let numpy = py.import("numpy")?;
        let flat = numpy.call_method1("frombuffer", (self.pixels.bind(py), "uint8"))?;
        flat.call_method1("reshape", ((self.height, self.width, 4),))
    }

    /// The pair a hardware keyer takes: (key, fill); the key is the alpha as opaque
    /// grey, the fill the straight colour, opaque.
    fn key_and_fill(&self, py: Python<'_>) -> (PyFrame, PyFrame) {
        let frame = self.to_frame(py);
        let (key, fill) = py.detach(|| frame.key_and_fill());
        (PyFrame::new(py, &key), PyFrame::new(py, &fill))
    }

    fn __repr__(&self) -> String {
        format!(
            "Frame(width={}, height={}, alpha='{}')",
            self.width,
            self.height,
            alpha_name(self.alpha)
        )
    }
}

fn alpha_name(alpha: AlphaMode) -> &'static str {
    match alpha {
        AlphaMode::Straight => "straight",
        AlphaMode::Premultiplied => "premultiplied",
    }
}

/// A skin, a renderer and a frame size: renders a hand as a settled still. The GIL is
/// released while it renders.
#[pyclass(frozen, module = "ggp", name = "HandOverlay")]
#[derive(Debug)]
pub(crate) struct PyHandOverlay(Mutex<HandOverlay>);

impl PyHandOverlay {
    fn render(
        &self,
        py: Python<'_>,
        draw: impl FnOnce(&mut HandOverlay) -> Result<Frame, Failure> + Send,
    ) -> PyResult<PyFrame> {
        let frame = py
            .detach(|| {
                let mut overlay = self.0.lock().unwrap_or_else(PoisonError::into_inner);
                draw(&mut overlay)
            })
            .map_err(|e| to_py_err(py, &e))?;
        Ok(PyFrame::new(py, &frame))
    }
}

#[pymethods]
impl PyHandOverlay {
    /// Loads the skin (`skin`: a TOML file, None for the default skin), starts the
    /// renderer (`adapter`: "any" or "cpu") and checks the size; frames come with
    /// `alpha` "straight" or "premultiplied".
    #[new]
    #[pyo3(signature = (width, height, skin=None, adapter="any", alpha="straight"))]
    fn new(
        py: Python<'_>,
        width: u32,
        height: u32,
        skin: Option<PathBuf>,
        adapter: &str,
        alpha: &str,
    ) -> PyResult<Self> {
        let adapter = match adapter {
            "any" => AdapterChoice::HighPerformance,
            "cpu" => AdapterChoice::Cpu,
            other => {
                return Err(PyValueError::new_err(format!(
                    "adapter {other:?} is unknown; use \"any\" or \"cpu\""
                )));
            }
        };
        let alpha = match alpha {
            "straight" => AlphaMode::Straight,
            "premultiplied" => AlphaMode::Premultiplied,
            other => {
                return Err(PyValueError::new_err(format!(
                    "alpha {other:?} is unknown; use \"straight\" or \"premultiplied\""
                )));
            }
        };
        let options = HandOverlayOptions {
            width,
            height,
            skin,
            adapter,
            alpha,
        };
        let overlay = py
            .detach(|| HandOverlay::new(&options))
            .map_err(|e| to_py_err(py, &e))?;
        Ok(PyHandOverlay(Mutex::new(overlay)))
    }

    /// Renders `hand` as it stands: the full view (hole cards, exact equity) or with
    /// `public` the public view (card backs, no equity).
    #[pyo3(signature = (hand, public=false))]
    fn render_hand(&self, py: Python<'_>, hand: &PyHand, public: bool) -> PyResult<PyFrame> {
        let hand = hand.0.clone();
        self.render(py, move |o| o.render_hand(&hand, public).cloned())
    }

    /// Renders a view given as JSON text, e.g. `json.dumps(hand.public_view())`.
    fn render_view_json(&self, py: Python<'_>, json: &str) -> PyResult<PyFrame> {
        let json = json.to_owned();
        self.render(py, move |o| o.render_view_json(&json).cloned())
    }

    /// Puts the skin file at `path` in use; when it is bad the current skin stays and
    /// SkinError says why.
    fn reload_skin(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| {
            let mut overlay = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            overlay.reload_skin(Path::new(&path))
        })
        .map_err(|e| to_py_err(py, &e))
    }

    /// Frame width in pixels.
    #[getter]
    fn width(&self) -> u32 {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .width()
    }

    /// Frame height in pixels.
    #[getter]
    fn height(&self) -> u32 {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .height()
    }
}

/// Adds the renderer's classes and exceptions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<PyHandOverlay>()?;
    m.add_class::<PyFrame>()?;
    for (class, code) in [
        (py.get_type::<SkinError>(), "skin"),
        (py.get_type::<NoAdapterError>(), "no_adapter"),
        (py.get_type::<InvalidFrameSizeError>(), "invalid_frame_size"),
        (py.get_type::<RenderError>(), "render"),
        (py.get_type::<InvalidViewError>(), "invalid_view"),
    ] {
        class.setattr("code", code)?;
        m.add(class.name()?, class)?;
    }
    Ok(())
}
