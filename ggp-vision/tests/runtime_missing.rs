//! A missing or unusable ONNX Runtime is an error with a clear message, never a panic.
//! (Its own test binary: the runtime is loaded once per process.)

use ggp_vision::{CardDetector, DetectorConfig, VisionError};

#[test]
fn missing_or_bogus_runtime_library_is_an_error() {
    let missing = std::env::temp_dir().join("ggp-vision-no-such-dir/libonnxruntime.so");
    // SAFETY: this test binary has one test, so no other thread reads the environment.
    unsafe { std::env::set_var("ORT_DYLIB_PATH", &missing) };
    let error = CardDetector::new(DetectorConfig::default()).expect_err("no runtime there");
    match &error {
        VisionError::RuntimeUnusable { path, .. } => assert_eq!(path, &missing),
        other => panic!("unexpected error {other:?}"),
    }
    assert!(error.to_string().contains("no such file"), "{error}");

    // A file that is not a shared library at all.
    let bogus = std::env::temp_dir().join(format!("ggp-vision-bogus-{}.so", std::process::id()));
    std::fs::write(&bogus, b"not a library").expect("write");
    // SAFETY: as above.
    unsafe { std::env::set_var("ORT_DYLIB_PATH", &bogus) };
    let error = ggp_vision::runtime::ensure_loaded().expect_err("not a library");
    assert!(
        matches!(error, VisionError::RuntimeUnusable { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains(&bogus.display().to_string()),
        "{error}"
    );
    std::fs::remove_file(&bogus).expect("cleanup");
}
