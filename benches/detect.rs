//! Card detection on a 1080p frame with seven visible cards (examples/data/cards/board-7.jpg):
//! detector on the frame downsized to 640x360, classifier on every corner index found.
//! Needs ONNX Runtime (the repo's .venv, or ORT_DYLIB_PATH).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ggp_vision::{CardDetector, DetectorConfig};

fn detect_1080p(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/cards/board-7.jpg"
    );
    let image = match ggp_vision::image_io::read_image(path.as_ref()) {
        Ok(image) => image,
        Err(error) => {
            eprintln!("skipping the detect bench: {error}");
            return;
        }
    };
    let mut detector = match CardDetector::new(DetectorConfig::default()) {
        Ok(detector) => detector,
        Err(error) => {
            eprintln!("skipping the detect bench: {error}");
            return;
        }
    };
    let Ok(frame) = image.as_frame() else {
        eprintln!("skipping the detect bench: bad sample image");
        return;
    };
    let mut group = c.benchmark_group("detect");
    group.throughput(Throughput::Elements(1));
    group.bench_function("1080p_7_cards", |b| {
        b.iter(|| detector.detect(&frame).map(|cards| cards.len()))
    });
    group.finish();
}

criterion_group!(benches, detect_1080p);
criterion_main!(benches);
