//! The renderer: draws a [`Scene`] offscreen and reads the frame back.

use std::ops::Range;

use crate::compose::{Item, PassTarget, Plan, Planner, QuadSource};
use crate::device::Gpu;
use crate::frame::{padded_bytes_per_row, unpad_rows};
use crate::quad::{QuadInstance, QuadPipeline};
use crate::shapes::{ShapeInstance, ShapePipeline};
use crate::text::{PlacedText, TextEngine};
use crate::textures::{OffscreenPool, TextureCache};
use crate::{AlphaMode, BlendMode, Frame, Rect, RenderError, RendererOptions, Scene};

/// The smallest frame side accepted, in pixels.
pub const MIN_FRAME_SIDE: u32 = 16;
/// The largest frame side accepted, in pixels (4K UHD fits; adapters may allow less).
pub const MAX_FRAME_SIDE: u32 = 4096;

/// Colours are 8-bit sRGB values blended as stored, like CSS and most broadcast tools.
pub(crate) const FORMAT: wgpu::TextureFormat = wgpu::TextureFormat::Rgba8Unorm;

/// One run of consecutive items of the same kind, drawn in order.
enum Segment {
    Shapes(Range<u32>),
    Text(usize),
    Quad {
        index: u32,
        source: QuadSource,
        blend: BlendMode,
    },
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
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT
                | wgpu::TextureUsages::COPY_SRC
                | wgpu::TextureUsages::TEXTURE_BINDING,
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

/// Counters that show what the renderer did, for tests and tuning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderStats {
    /// Scenes drawn on the GPU.
    pub frames_drawn: u64,
    /// Renders answered from the previous frame because the scene was unchanged.
    pub frames_reused: u64,
    /// Card, image or SVG rasters made and uploaded (video frames not counted).
    pub textures_uploaded: u64,
    /// Video frames written into feed textures.
    pub video_frames_uploaded: u64,
    /// Feed textures allocated: once per feed, and again only when its frame size changes.
    pub video_textures_allocated: u64,
}

/// Draws scenes offscreen with wgpu and returns RGBA8 frames.
///
/// Create one and reuse it: creation compiles shaders and loads fonts, and card and image
/// textures are cached in it between frames.
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
    quads: QuadPipeline,
    textures: TextureCache,
    offscreens: OffscreenPool,
    target: Option<Target>,
    /// The scene the target holds.
    last: Option<Scene>,
    /// The target's pixels (premultiplied), kept once the same scene was asked for twice.
    last_pixels: Option<Vec<u8>>,
    stats: RenderStats,
}

/// Where the main pass of a frame goes.
enum MainTarget<'a> {
    /// The renderer's own target, optionally read back.
    Own { read_back: bool },
    /// A caller's texture view.
    Caller(&'a wgpu::TextureView),
}

impl Renderer {
    /// Finds an adapter, opens a device, compiles the pipelines and loads the bundled fonts.
    pub fn new(options: RendererOptions) -> Result<Self, RenderError> {
        let gpu = Gpu::open(&options)?;
        let shapes = ShapePipeline::new(&gpu.device, FORMAT);
        let text = TextEngine::new(&gpu.device, &gpu.queue, FORMAT)?;
        let quads = QuadPipeline::new(&gpu.device, FORMAT);
        Ok(Self {
            gpu,
            shapes,
            text,
            quads,
            textures: TextureCache::default(),
            offscreens: OffscreenPool::default(),
            target: None,
            last: None,
            last_pixels: None,
            stats: RenderStats::default(),
        })
    }

    /// The adapter the frames are rendered on.
    pub fn adapter_info(&self) -> &wgpu::AdapterInfo {
        &self.gpu.info
    }

    /// What the renderer has done so far.
    pub fn stats(&self) -> RenderStats {
        RenderStats {
            textures_uploaded: self.textures.uploads,
            video_frames_uploaded: self.textures.video_uploads,
            video_textures_allocated: self.textures.video_allocations,
            ..self.stats
        }
    }

    /// Adds a TrueType/OpenType font; returns the family names to put in [`crate::TextLayer::family`].
    pub fn load_font(&mut self, bytes: Vec<u8>) -> Result<Vec<String>, RenderError> {
        // Text already drawn may change with the new font, so the next render draws afresh.
        self.last = None;
        self.last_pixels = None;
        self.text.load_font(bytes)
    }

    /// The largest frame side this renderer accepts: [`MAX_FRAME_SIDE`] or the adapter's limit.
    pub fn max_frame_side(&self) -> u32 {
        MAX_FRAME_SIDE.min(self.gpu.max_texture_side)
    }

    /// Draws `scene` and reads it back with the colour channels in `alpha` mode.
    ///
    /// Render on change: when `scene` equals the scene drawn last (compared with `==`, which
    /// is cheap next to drawing), nothing is drawn. The first repeat reads the target back
    /// again and keeps a copy of the pixels; later repeats return that copy. A scene that
    /// changes every frame pays for no copy.
    pub fn render(&mut self, scene: &Scene, alpha: AlphaMode) -> Result<Frame, RenderError> {
        self.check_size(scene)?;
        let pixels = if self.holds(scene) {
            self.stats.frames_reused += 1;
            match &self.last_pixels {
                Some(pixels) => pixels.clone(),
                None => {
                    let pixels = self.read_target()?;
                    self.last_pixels = Some(pixels.clone());
                    pixels
                }
            }
        } else {
            self.last_pixels = None;
            self.last = None;
            let pixels = self.guarded(scene, MainTarget::Own { read_back: true })?;
            self.last = Some(scene.clone());
            pixels.unwrap_or_default()
        };
        Ok(Frame {
            width: scene.width(),
            height: scene.height(),
            pixels,
            alpha: AlphaMode::Premultiplied,
        }
        .into_alpha_mode(alpha))
    }

    /// True when the target already shows `scene`.
    fn holds(&self, scene: &Scene) -> bool {
        self.target.is_some() && self.last.as_ref() == Some(scene)
    }

    /// Reads the target back as it is.
    fn read_target(&mut self) -> Result<Vec<u8>, RenderError> {
        let Some(target) = &self.target else {
            return Err(RenderError::Readback {
                reason: "there is no rendered frame to read".to_owned(),
            });
        };
        let mut encoder = self
            .gpu
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("ggp-render re-read"),
            });
        copy_to_readback(&mut encoder, target);
        self.gpu.queue.submit(Some(encoder.finish()));
        read_back_rows(
            &self.gpu.device,
            &target.readback,
            target.width,
            target.height,
        )
    }

    /// Draws `scene` and returns the (key, fill) pair for a hardware keyer: see
    /// [`Frame::key_and_fill`]. An unchanged scene is not drawn again.
    pub fn render_key_fill(&mut self, scene: &Scene) -> Result<(Frame, Frame), RenderError> {
        Ok(self.render(scene, AlphaMode::Premultiplied)?.key_and_fill())
    }

    /// Draws `scene` into the renderer's own texture and returns it, for callers that
    /// composite on the GPU with [`Renderer::device`] and [`Renderer::queue`].
    ///
    /// The texture is `Rgba8Unorm`, premultiplied, the scene's size, and can be sampled
    /// (`TEXTURE_BINDING`) or copied (`COPY_SRC`). It is reused by the next render, so use it
    /// before rendering again. An unchanged scene is not drawn again.
    pub fn render_to_texture(&mut self, scene: &Scene) -> Result<&wgpu::Texture, RenderError> {
        self.check_size(scene)?;
        if self.holds(scene) {
            self.stats.frames_reused += 1;
        } else {
            self.last = None;
            self.last_pixels = None;
            self.guarded(scene, MainTarget::Own { read_back: false })?;
            self.last = Some(scene.clone());
        }
        match &self.target {
            Some(target) => Ok(&target.texture),
            None => Err(RenderError::Readback {
                reason: "the render target is missing after drawing".to_owned(),
            }),
        }
    }

    /// Draws `scene` into a caller's texture view, which must be `Rgba8Unorm`, of the scene's
    /// size, made on [`Renderer::device`] with `RENDER_ATTACHMENT` usage. Always draws.
    pub fn render_into(
        &mut self,
        scene: &Scene,
        view: &wgpu::TextureView,
    ) -> Result<(), RenderError> {
        self.check_size(scene)?;
        self.guarded(scene, MainTarget::Caller(view)).map(|_| ())
    }

    /// The wgpu device frames are drawn with, for callers that share textures with it.
    pub fn device(&self) -> &wgpu::Device {
        &self.gpu.device
    }

    /// The wgpu queue frames are submitted on.
    pub fn queue(&self) -> &wgpu::Queue {
        &self.gpu.queue
    }

    fn check_size(&self, scene: &Scene) -> Result<(), RenderError> {
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
        Ok(())
    }

    /// Draws inside wgpu error scopes so that GPU-side failures come back as errors.
    fn guarded(
        &mut self,
        scene: &Scene,
        main: MainTarget<'_>,
    ) -> Result<Option<Vec<u8>>, RenderError> {
        // wgpu reports GPU-side failures to an error scope, or by panicking when none is open.
        let device = self.gpu.device.clone();
        let out_of_memory = device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let drawn = self.draw(scene, main);
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
        self.stats.frames_drawn += 1;
        drawn
    }

    /// Plans the frame, draws every pass and, when asked, reads the main target back.
    fn draw(
        &mut self,
        scene: &Scene,
        main: MainTarget<'_>,
    ) -> Result<Option<Vec<u8>>, RenderError> {
        let (width, height) = (scene.width(), scene.height());
        self.textures.begin_frame();
        self.offscreens.begin_frame();
        let plan = Planner {
            device: &self.gpu.device,
            queue: &self.gpu.queue,
            textures: &mut self.textures,
            quads: &self.quads,
            max_side: self.gpu.max_texture_side.min(MAX_FRAME_SIDE),
            plan: Plan::default(),
        }
        .plan_frame(scene.layers(), (width, height))?;

        let device = &self.gpu.device;
        if matches!(main, MainTarget::Own { .. })
            && self
                .target
                .as_ref()
                .is_none_or(|t| (t.width, t.height) != (width, height))
        {
            self.target = Some(Target::new(device, width, height));
        }
        let slots: Vec<usize> = plan
            .offscreen_sizes
            .iter()
            .map(|size| self.offscreens.acquire(device, &self.quads, FORMAT, *size))
            .collect();

        let mut pixels = None;
        for pass in plan.passes {
            let is_main = pass.target == PassTarget::Main;
            let clear = if is_main {
                let [r, g, b, a] = scene.background().to_unit().map(f64::from);
                wgpu::Color {
                    r: r * a,
                    g: g * a,
                    b: b * a,
                    a,
                }
            } else {
                wgpu::Color::TRANSPARENT
            };
            let size = pass.size;
            let (segments, shapes, texts, quads) = split(pass.items);
            self.shapes
                .prepare(&self.gpu.device, &self.gpu.queue, size, &shapes);
            self.text
                .prepare(&self.gpu.device, &self.gpu.queue, size, &texts)?;
            self.quads
                .prepare(&self.gpu.device, &self.gpu.queue, size, &quads);

            let view = match (pass.target, &main) {
                (PassTarget::Main, MainTarget::Caller(view)) => *view,
                (PassTarget::Main, MainTarget::Own { .. }) => match &self.target {
                    Some(target) => &target.view,
                    None => return Ok(None),
                },
                (PassTarget::Offscreen(i), _) => {
                    match slots.get(i).and_then(|s| self.offscreens.get(*s)) {
                        Some(offscreen) => &offscreen.view,
                        None => continue,
                    }
                }
            };
            let mut encoder =
                self.gpu
                    .device
                    .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                        label: Some("ggp-render pass"),
                    });
            {
                let mut render_pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("ggp-render layers"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view,
                        depth_slice: None,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(clear),
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
                        Segment::Shapes(range) => self.shapes.draw(&mut render_pass, range.clone()),
                        Segment::Text(index) => self.text.draw(&mut render_pass, *index)?,
                        Segment::Quad {
                            index,
                            source,
                            blend,
                        } => {
                            let bind_group = match source {
                                QuadSource::Offscreen(i) => slots
                                    .get(*i)
                                    .and_then(|s| self.offscreens.get(*s))
                                    .map(|o| &o.bind_group),
                                QuadSource::Cached(key) => self.textures.bind_group(key),
                            };
                            if let Some(bind_group) = bind_group {
                                self.quads
                                    .draw(&mut render_pass, *index, bind_group, *blend);
                            }
                        }
                    }
                }
            }
            let read_back = match (&main, &self.target) {
                (MainTarget::Own { read_back: true }, Some(target)) if is_main => Some(target),
                _ => None,
            };
            if let Some(target) = read_back {
                copy_to_readback(&mut encoder, target);
            }
            self.gpu.queue.submit(Some(encoder.finish()));
            if let Some(target) = read_back {
                pixels = Some(read_back_rows(
                    &self.gpu.device,
                    &target.readback,
                    width,
                    height,
                )?);
            }
        }
        self.text.trim();
        self.textures.end_frame();
        Ok(pixels)
    }
}

/// How far back an item may look for a batch of its kind to join.
const MERGE_LOOKBACK: usize = 16;

/// Items gathered for one draw call, with the boxes they paint.
enum Bucket {
    Shapes(Vec<ShapeInstance>),
    Text(Vec<PlacedText>),
    Quad(QuadInstance, QuadSource, BlendMode),
}

/// Splits a pass's items into draw segments and the per-kind data each pipeline uploads.
///
/// An item joins an earlier batch of its kind (one draw call instead of two) when nothing
/// drawn between them overlaps it: the picture is the same, and a row of seat panels (a
/// shape, text, a shape, text...) becomes two draw calls instead of one per seat.
fn split(
    items: Vec<Item>,
) -> (
    Vec<Segment>,
    Vec<ShapeInstance>,
    Vec<Vec<PlacedText>>,
    Vec<QuadInstance>,
) {
    let mut buckets: Vec<(Bucket, Vec<Rect>)> = Vec::new();
    for item in items {
        let bounds = match &item {
            Item::Shape(shape) => shape.bounds(),
            Item::Text(text) => text.placement.bounds_of(text.layer.rect),
            Item::Quad { instance, .. } => instance.bounds(),
        };
        let mut joined = None;
        for index in (0..buckets.len()).rev().take(MERGE_LOOKBACK) {
            let (bucket, painted) = &buckets[index];
            let same_kind = matches!(
                (bucket, &item),
                (Bucket::Shapes(_), Item::Shape(_)) | (Bucket::Text(_), Item::Text(_))
            );
            if same_kind {
                joined = Some(index);
                break;
            }
            if painted.iter().any(|p| p.intersect(&bounds).is_some()) {
                break;
            }
        }
        match (item, joined.and_then(|i| buckets.get_mut(i))) {
            (Item::Shape(shape), Some((Bucket::Shapes(list), painted))) => {
                list.push(shape);
                painted.push(bounds);
            }
            (Item::Text(text), Some((Bucket::Text(list), painted))) => {
                list.push(text);
                painted.push(bounds);
            }
            (Item::Shape(shape), _) => buckets.push((Bucket::Shapes(vec![shape]), vec![bounds])),
            (Item::Text(text), _) => buckets.push((Bucket::Text(vec![text]), vec![bounds])),
            (
                Item::Quad {
                    instance,
                    source,
                    blend,
                },
                _,
            ) => buckets.push((Bucket::Quad(instance, source, blend), vec![bounds])),
        }
    }

    let mut segments = Vec::with_capacity(buckets.len());
    let mut shapes: Vec<ShapeInstance> = Vec::new();
    let mut texts: Vec<Vec<PlacedText>> = Vec::new();
    let mut quads: Vec<QuadInstance> = Vec::new();
    for (bucket, _) in buckets {
        match bucket {
            Bucket::Shapes(list) => {
                let start = shapes.len() as u32;
                shapes.extend(list);
                segments.push(Segment::Shapes(start..shapes.len() as u32));
            }
            Bucket::Text(list) => {
                segments.push(Segment::Text(texts.len()));
                texts.push(list);
            }
            Bucket::Quad(instance, source, blend) => {
                segments.push(Segment::Quad {
                    index: quads.len() as u32,
                    source,
                    blend,
                });
                quads.push(instance);
            }
        }
    }
    (segments, shapes, texts, quads)
}

fn copy_to_readback(encoder: &mut wgpu::CommandEncoder, target: &Target) {
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
                bytes_per_row: Some(padded_bytes_per_row(target.width)),
                rows_per_image: Some(target.height),
            },
        },
        wgpu::Extent3d {
            width: target.width,
            height: target.height,
            depth_or_array_layers: 1,
        },
    );
}

/// Maps the readback buffer, waits for the GPU and copies the rows out without padding.
fn read_back_rows(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Color, Fill, ShapeLayer, TextLayer, Transform};

    fn shape(x: f32) -> Item {
        let layer = ShapeLayer::new(Rect::new(x, 0.0, 10.0, 10.0), Fill::Solid(Color::WHITE));
        Item::Shape((&layer).into())
    }

    fn text(x: f32) -> Item {
        Item::Text(PlacedText {
            layer: TextLayer::new("A", Rect::new(x, 0.0, 10.0, 10.0), 8.0, Color::WHITE),
            placement: Transform::IDENTITY,
        })
    }

    #[test]
    fn separate_panels_batch_into_one_draw_per_kind() {
        let items = vec![shape(0.0), text(0.0), shape(50.0), text(50.0), shape(100.0)];
        let (segments, shapes, texts, _) = split(items);
        assert_eq!(segments.len(), 2);
        assert_eq!(shapes.len(), 3);
        assert_eq!(texts.iter().map(Vec::len).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn overlapping_items_keep_their_order() {
        // The second shape covers the text, so it cannot join the first shape's batch.
        let items = vec![shape(0.0), text(20.0), shape(22.0)];
        let (segments, ..) = split(items);
        assert_eq!(segments.len(), 3);
    }
}
