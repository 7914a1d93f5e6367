//! The renderer: draws a [`Scene`] offscreen and reads the frame back.

use std::ops::Range;

use crate::device::Gpu;
use crate::frame::{padded_bytes_per_row, unpad_rows};
use crate::shapes::{ShapeInstance, ShapePipeline};
use crate::text::TextEngine;
use crate::{AlphaMode, Frame, Layer, RenderError, RendererOptions, Scene, TextLayer};

/// The smallest frame side accepted, in pixels.
pub const MIN_FRAME_SIDE: u32 = 16;
/// The largest frame side accepted, in pixels (4K UHD fits; adapters may allow less).
pub const MAX_FRAME_SIDE: u32 = 4096;

/// Colours are 8-bit sRGB values blended as stored, like CSS and most broadcast tools.
const FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// One run of consecutive layers of the same kind, drawn in scene order.
enum Segment {
    Shapes(Range<u32>),
    Text(usize),
}

/// The offscreen texture and the buffer it is copied into, kept while the size is unchanged.
#[derive(Debug)]
struct Target {
    width: u32,
    height: u32,
    view: wgpu::TextureView,
    texture: wgpu::Texture,
    readback: wgpu::Buffer,
}

impl Target {
    fn new(device: &wgpu::Device, width: u32, height: u32) -> Self {
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("ggp-render target"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: FORMAT,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let readback = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("ggp-render readback"),
            size: u64::from(padded_bytes_per_row(width)) * u64::from(height),
            usage: wgpu::BufferUsages::COPY_DST | wgpu::BufferUsages::MAP_READ,
            mapped_at_creation: false,
        });
        Self {
            width,
            height,
            view,
            texture,
            readback,
        }
    }
}

/// Draws scenes offscreen with wgpu and returns RGBA8 frames.
///
/// Create one and reuse it: creation compiles shaders and loads fonts.
///
/// ```no_run
/// use ggp_render::{AdapterChoice, AlphaMode, Color, Fill, Rect, Renderer, RendererOptions, Scene, ShapeLayer, TextLayer};
/// let mut renderer = Renderer::new(RendererOptions { adapter: AdapterChoice::Cpu })?;
/// let mut scene = Scene::new(320, 180);
/// scene.push(ShapeLayer::new(Rect::new(10.0, 10.0, 300.0, 60.0), Fill::Solid(Color::rgb(10, 40, 90))).with_corner_radius(10.0));
/// scene.push(TextLayer::new("Q♥ J♣", Rect::new(10.0, 10.0, 300.0, 60.0), 32.0, Color::WHITE));
/// let frame = renderer.render(&scene, AlphaMode::Straight)?;
/// assert_eq!(frame.pixels.len(), 320 * 180 * 4);
/// # Ok::<(), ggp_render::RenderError>(())
/// ```
#[derive(Debug)]
pub struct Renderer {
    gpu: Gpu,
    shapes: ShapePipeline,
    text: TextEngine,
    target: Option<Target>,
}

impl Renderer {
    /// Finds an adapter, opens a device, compiles the pipelines and loads the bundled fonts.
    pub fn new(options: RendererOptions) -> Result<Self, RenderError> {
        let gpu = Gpu::open(&options)?;
        let shapes = ShapePipeline::new(&gpu.device, FORMAT);
        let text = TextEngine::new(&gpu.device, &gpu.queue, FORMAT)?;
        Ok(Self {
            gpu,
            shapes,
            text,
            target: None,
        })
    }

    /// The adapter the frames are rendered on.
    pub fn adapter_info(&self) -> &wgpu::AdapterInfo {
        &self.gpu.info
    }

    /// Adds a TrueType/OpenType font; returns the family names to put in [`TextLayer::family`].
    pub fn load_font(&mut self, bytes: Vec<u8>) -> Result<Vec<String>, RenderError> {
        self.text.load_font(bytes)
    }

    /// The largest frame side this renderer accepts: [`MAX_FRAME_SIDE`] or the adapter's limit.
    pub fn max_frame_side(&self) -> u32 {
        MAX_FRAME_SIDE.min(self.gpu.max_texture_side)
    }

    /// Draws `scene` and reads it back with the colour channels in `alpha` mode.
    pub fn render(&mut self, scene: &Scene, alpha: AlphaMode) -> Result<Frame, RenderError> {
        let (width, height) = (scene.width(), scene.height());
        let max = self.max_frame_side();
        let side_ok = |side: u32| (MIN_FRAME_SIDE..=max).contains(&side);
        if !side_ok(width) || !side_ok(height) {
            return Err(RenderError::InvalidSize {
                width,
                height,
                min: MIN_FRAME_SIDE,
                max,
            });
        }

        // wgpu reports GPU-side failures to an error scope, or by panicking when none is open.
        let device = &self.gpu.device;
        let out_of_memory = device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let drawn = self.draw_and_read(scene);
        // Scopes pop innermost first.
        let validation_error = pollster::block_on(validation.pop());
        let memory_error = pollster::block_on(out_of_memory.pop());
        if let Some(error) = validation_error.or(memory_error) {
            // The target may be the culprit (too large for memory); start afresh next frame.
            self.target = None;
            return Err(RenderError::Gpu {
                reason: error.to_string(),
            });
        }
        let pixels = drawn?;
        Ok(Frame {
            width,
            height,
            pixels,
            alpha: AlphaMode::Premultiplied,
        }
        .into_alpha_mode(alpha))
    }

    /// Draws the layers into the target and returns its premultiplied pixels.
    fn draw_and_read(&mut self, scene: &Scene) -> Result<Vec<u8>, RenderError> {
        let (width, height) = (scene.width(), scene.height());
        let (segments, instances, batches) = split(scene);
        let device = &self.gpu.device;
        let queue = &self.gpu.queue;
        self.shapes
            .prepare(device, queue, (width, height), &instances);
        self.text
            .prepare(device, queue, (width, height), &batches)?;
        if self
            .target
            .as_ref()
            .is_some_and(|t| (t.width, t.height) != (width, height))
        {
            self.target = None;
        }
        let target = self
            .target
            .get_or_insert_with(|| Target::new(device, width, height));

        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("ggp-render frame"),
        });
        {
            let [r, g, b, a] = scene.background().to_unit().map(f64::from);
            let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("ggp-render layers"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &target.view,
                    depth_slice: None,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color {
                            r: r * a,
                            g: g * a,
                            b: b * a,
                            a,
                        }),
                        store: wgpu::StoreOp::Store,
                    },
                })],
                depth_stencil_attachment: None,
                timestamp_writes: None,
                occlusion_query_set: None,
                multiview_mask: None,
            });
            for segment in &segments {
                match segment {
                    Segment::Shapes(range) => self.shapes.draw(&mut pass, range.clone()),
                    Segment::Text(index) => self.text.draw(&mut pass, *index)?,
                }
            }
        }
        encoder.copy_texture_to_buffer(
            wgpu::TexelCopyTextureInfo {
                texture: &target.texture,
                mip_level: 0,
                origin: wgpu::Origin3d::ZERO,
                aspect: wgpu::TextureAspect::All,
            },
            wgpu::TexelCopyBufferInfo {
                buffer: &target.readback,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded_bytes_per_row(width)),
                    rows_per_image: Some(height),
                },
            },
            wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
        );
        queue.submit(Some(encoder.finish()));
        let pixels = read_back(device, &target.readback, width, height)?;
        self.text.trim();
        Ok(pixels)
    }
}

/// Splits the layers into runs of shapes and runs of text, keeping their order.
fn split(scene: &Scene) -> (Vec<Segment>, Vec<ShapeInstance>, Vec<Vec<&TextLayer>>) {
    let mut segments = Vec::new();
    let mut instances: Vec<ShapeInstance> = Vec::new();
    let mut batches: Vec<Vec<&TextLayer>> = Vec::new();
    for layer in scene.layers() {
        match layer {
            Layer::Shape(shape) => {
                let index = instances.len() as u32;
                instances.push(shape.into());
                match segments.last_mut() {
                    Some(Segment::Shapes(range)) => range.end = index + 1,
                    _ => segments.push(Segment::Shapes(index..index + 1)),
                }
            }
            Layer::Text(text) => match (segments.last(), batches.last_mut()) {
                (Some(Segment::Text(_)), Some(batch)) => batch.push(text),
                _ => {
                    segments.push(Segment::Text(batches.len()));
                    batches.push(vec![text]);
                }
            },
        }
    }
    (segments, instances, batches)
}

/// Maps the readback buffer, waits for the GPU and copies the rows out without padding.
fn read_back(
    device: &wgpu::Device,
    buffer: &wgpu::Buffer,
    width: u32,
    height: u32,
) -> Result<Vec<u8>, RenderError> {
    let (sender, receiver) = std::sync::mpsc::channel();
    buffer.map_async(wgpu::MapMode::Read, .., move |result| {
        // The receiver outlives this callback: it is dropped only after `recv` below.
        let _ = sender.send(result);
    });
    device
        .poll(wgpu::PollType::wait_indefinitely())
        .map_err(|e| RenderError::Readback {
            reason: e.to_string(),
        })?;
    receiver
        .recv()
        .map_err(|e| RenderError::Readback {
            reason: e.to_string(),
        })?
        .map_err(|e| RenderError::Readback {
            reason: e.to_string(),
        })?;
    let pixels = {
        let mapped = buffer
            .get_mapped_range(..)
            .map_err(|e| RenderError::Readback {
                reason: e.to_string(),
            })?;
        unpad_rows(&mapped, width, height)
    };
    buffer.unmap();
    Ok(pixels)
}
