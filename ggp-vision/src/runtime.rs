//! Finding and loading ONNX Runtime at run time, only when vision is first used.
//!
//! The library is searched in this order: the `ORT_DYLIB_PATH` environment variable, the
//! repository's own Python environment (`.venv`, where `scripts/lib.sh` installs
//! `onnxruntime==1.31.1`), then an `onnxruntime` Python module installed for `python3`.
//! Nothing is downloaded. The version is checked (by `ort`, through the library's own
//! `GetVersionString`) before any other call, because a mismatched library can abort.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use crate::error::{Result, VisionError};

/// The ONNX Runtime version this crate is built and tested against (ort's `api-31`).
pub const ONNX_RUNTIME_VERSION: &str = "1.31";

/// Where the loaded ONNX Runtime came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeInfo {
    /// The library file that was loaded.
    pub library: PathBuf,
}

/// The process-wide ONNX Runtime environment: ONNX Runtime allows one per process.
static ENVIRONMENT: OnceLock<ort::environment::Environment> = OnceLock::new();
static LOADED: OnceLock<RuntimeInfo> = OnceLock::new();
/// Serializes first-time loading so that two threads do not race to dlopen.
static LOADING: Mutex<()> = Mutex::new(());

/// Loads ONNX Runtime if it is not loaded yet and returns where it came from.
///
/// A missing library or one of the wrong version is an error, never a panic. After a
/// failure a later call searches again (for example after `ORT_DYLIB_PATH` was set).
///
/// ```no_run
/// let info = ggp_vision::runtime::ensure_loaded()?;
/// eprintln!("ONNX Runtime from {}", info.library.display());
/// # Ok::<(), ggp_vision::VisionError>(())
/// ```
pub fn ensure_loaded() -> Result<&'static RuntimeInfo> {
    if let Some(info) = LOADED.get() {
        return Ok(info);
    }
    // A poisoned lock only means another thread panicked while loading; loading is retried.
    let _guard = LOADING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(info) = LOADED.get() {
        return Ok(info);
    }
    let library = find_library()?;
    load_from(&library)?;
    Ok(LOADED.get_or_init(|| RuntimeInfo { library }))
}

/// The environment, for building sessions; loads the runtime first.
pub(crate) fn environment() -> Result<&'static ort::environment::Environment> {
    ensure_loaded()?;
    ENVIRONMENT
        .get()
        .ok_or_else(|| VisionError::RuntimeUnusable {
            path: PathBuf::new(),
            reason: "the ONNX Runtime environment was not created".to_owned(),
        })
}

fn load_from(library: &Path) -> Result<()> {
    let unusable = |reason: String| VisionError::RuntimeUnusable {
        path: library.to_path_buf(),
        reason,
    };
    if !library.is_file() {
        return Err(unusable("no such file".to_owned()));
    }
    let builder = ort::init_from(library).map_err(|error| unusable(error.to_string()))?;
    let environment = builder
        .with_name("ggp-vision")
        .build()
        .map_err(|error| unusable(error.to_string()))?;
    // Only the first environment is kept; `ensure_loaded` holds the lock, so there is none yet.
    let _ = ENVIRONMENT.set(environment);
    Ok(())
}

/// Finds the ONNX Runtime library without loading it, searching the places in order.
pub fn find_library() -> Result<PathBuf> {
    let mut searched = Vec::new();
    match std::env::var_os("ORT_DYLIB_PATH") {
        // An explicit path is used as given, even when it is wrong: the caller asked for it,
        // and loading it reports what is wrong with it.
        Some(path) if !path.is_empty() => return Ok(PathBuf::from(path)),
        _ => searched.push("ORT_DYLIB_PATH (unset)".to_owned()),
    }
    for venv in venv_candidates() {
        let site = venv.join("lib");
        if let Some(found) = find_in_site_dirs(&site) {
            return Ok(found);
        }
        searched.push(venv.display().to_string());
    }
    if let Some(capi) = python_module_dir() {
        if let Some(found) = find_in_capi(&capi) {
            return Ok(found);
        }
        searched.push(capi.display().to_string());
    } else {
        searched.push("python3 -c 'import onnxruntime' (no such module)".to_owned());
    }
    Err(VisionError::RuntimeNotFound {
        searched: searched.join(", "),
    })
}

/// `.venv` folders to look in: `VIRTUAL_ENV`, the repository this crate was built from, and
/// the current directory and its parents.
fn venv_candidates() -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(active) = std::env::var_os("VIRTUAL_ENV") {
        candidates.push(PathBuf::from(active));
    }
    if let Some(repo) = Path::new(env!("CARGO_MANIFEST_DIR")).parent() {
        candidates.push(repo.join(".venv"));
    }
    if let Ok(current) = std::env::current_dir() {
        candidates.extend(current.ancestors().map(|dir| dir.join(".venv")));
    }
    let mut unique = Vec::new();
    for candidate in candidates {
        if !unique.contains(&candidate) {
            unique.push(candidate);
        }
    }
    unique
}

/// `lib/python3.X/site-packages/onnxruntime/capi/` inside a virtual environment.
fn find_in_site_dirs(lib: &Path) -> Option<PathBuf> {
    let mut pythons: Vec<PathBuf> = std::fs::read_dir(lib)
        .ok()?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    pythons.sort();
    pythons.into_iter().rev().find_map(|python| {
        find_in_capi(
            &python
                .join("site-packages")
                .join("onnxruntime")
                .join("capi"),
        )
    })
}

/// The shared library in an `onnxruntime/capi` folder (the provider shims are skipped).
fn find_in_capi(capi: &Path) -> Option<PathBuf> {
    let mut libraries: Vec<PathBuf> = std::fs::read_dir(capi)
        .ok()?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(is_runtime_library_name)
        })
        .collect();
    libraries.sort();
    libraries.pop()
}

fn is_runtime_library_name(name: &str) -> bool {
    name.starts_with("libonnxruntime.so")
        || (name.starts_with("libonnxruntime.") && name.ends_with(".dylib"))
        || name == "onnxruntime.dll"
}

/// Asks `python3` where its `onnxruntime` module lives.
fn python_module_dir() -> Option<PathBuf> {
    let output = Command::new("python3")
        .args([
            "-c",
            "import os, onnxruntime; print(os.path.join(os.path.dirname(onnxruntime.__file__), 'capi'))",
        ])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let dir = PathBuf::from(text.trim());
    dir.is_dir().then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_library_names() {
        assert!(is_runtime_library_name("libonnxruntime.so.1.31.1"));
        assert!(is_runtime_library_name("libonnxruntime.1.31.1.dylib"));
        assert!(is_runtime_library_name("onnxruntime.dll"));
        assert!(!is_runtime_library_name(
            "libonnxruntime_providers_shared.so"
        ));
        assert!(!is_runtime_library_name("onnxruntime_pybind11_state.so"));
    }

    #[test]
    fn capi_folder_without_library_finds_nothing() {
        let dir = std::env::temp_dir().join(format!("ggp-vision-capi-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("libonnxruntime_providers_shared.so"), b"").expect("write");
        assert_eq!(find_in_capi(&dir), None);
        std::fs::write(dir.join("libonnxruntime.so.1.31.1"), b"").expect("write");
        assert_eq!(
            find_in_capi(&dir),
            Some(dir.join("libonnxruntime.so.1.31.1"))
        );
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
