//! The renderer: draws a [`Scene`] offscreen and reads the frame back.

use std::ops::Range;

use crate::compose::{Item, PassTarget, Plan, Planner, QuadSource, layer_bounds};
use crate::damage::{PixelBox, damage};
use crate::device::Gpu;
use crate::frame::{padded_bytes_per_row, unpad_rows};
use crate::quad::{QuadInstance, QuadPipeline};
use crate::shapes::{ShapeInstance, ShapePipeline};
use crate::text::{PlacedText, TextEngine};
use crate::textures::{OffscreenPool, TextureCache};
use crate::{
    AlphaMode, BlendMode, Frame, Layer, Rect, RenderError, RendererOptions, Scene, Transform,
};

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
                | wgpu::TextureUsages::COPY_DST
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
    /// Groups drawn offscreen and composited (clipped, blended, rotated, or faded with
    /// overlapping children); the others cost nothing over their layers.
    pub groups_offscreen: u64,
    /// Frames made by redrawing only the parts that changed over the previous frame.
    pub frames_patched: u64,
    /// Pixels those partial redraws drew (the whole frame's worth when nothing was kept).
    pub pixels_patched: u64,
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
    /// The target's pixels (premultiplied) as last read back, patched with each partial
    /// redraw; `None` when the target was drawn without a readback.
    last_pixels: Option<Vec<u8>>,
    /// Textures the damaged boxes of a frame are drawn into.
    patches: Vec<Patch>,
    /// Whether a changed scene redraws only what changed (on unless turned off).
    partial_redraw: bool,
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
            patches: Vec::new(),
            partial_redraw: true,
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

    /// How wide `text` is drawn, in pixels: its widest line at the size it is drawn (after
    /// shrinking to fit, when it asks to be fitted). Position and colour play no part.
    pub fn measure_text(&mut self, text: &crate::TextLayer) -> f32 {
        self.text.measure(text)
    }

    /// The largest frame side this renderer accepts: [`MAX_FRAME_SIDE`] or the adapter's limit.
    pub fn max_frame_side(&self) -> u32 {
        MAX_FRAME_SIDE.min(self.gpu.max_texture_side)
    }

    /// Draws `scene` and reads it back with the colour channels in `alpha` mode.
    ///
    /// Render on change: when `scene` equals the scene drawn last (compared with `==`, which
    /// is cheap next to drawing), nothing is drawn and the kept pixels are returned. When
    /// only some layers changed, only the boxes they cover (before and after) are drawn
    /// again over the kept frame and read back: the frame is the one a full redraw gives,
    /// at the cost of the change.
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
            self.draw_scene(scene, true)?;
            self.last_pixels.clone().unwrap_or_default()
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
            self.draw_scene(scene, false)?;
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
        self.guarded(|r| r.draw(scene, MainTarget::Caller(view)))
            .map(|_| ())
    }

    /// Whether a changed scene redraws only the boxes its changed layers cover (the
    /// default) or the whole frame. Both give the same frame; turning it off is for
    /// comparing the two and for measuring.
    pub fn set_partial_redraw(&mut self, partial_redraw: bool) {
        self.partial_redraw = partial_redraw;
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

    /// Draws `scene` into the own target: only the parts that differ from the scene it
    /// holds when that is cheaper (see [`Self::set_partial_redraw`]), else all of it. With
    /// `read_back`, `last_pixels` holds the frame afterwards.
    fn draw_scene(&mut self, scene: &Scene, read_back: bool) -> Result<(), RenderError> {
        let boxes = self.damage_worth_patching(scene, read_back);
        self.last = None;
        match boxes {
            Some(boxes) => {
                if !read_back {
                    // The kept pixels would miss this frame's patches.
                    self.last_pixels = None;
                }
                if !boxes.is_empty() {
                    self.guarded(|r| r.draw_patches(scene, &boxes, read_back))?;
                }
                self.stats.frames_patched += 1;
                self.stats.pixels_patched += boxes.iter().map(PixelBox::area).sum::<u64>();
            }
            None => {
                self.last_pixels = None;
                let pixels = self.guarded(|r| r.draw(scene, MainTarget::Own { read_back }))?;
                if read_back {
                    self.last_pixels = pixels;
                }
            }
        }
        self.last = Some(scene.clone());
        Ok(())
    }

    /// The boxes to redraw to turn the held frame into `scene`, when patching is on, the
    /// frame (and, for a readback, its pixels) is held, and the boxes are small enough to
    /// be worth it and to fit the readback buffer.
    fn damage_worth_patching(&self, scene: &Scene, read_back: bool) -> Option<Vec<PixelBox>> {
        if !self.partial_redraw || (read_back && self.last_pixels.is_none()) {
            return None;
        }
        let target = self.target.as_ref()?;
        if (target.width, target.height) != (scene.width(), scene.height()) {
            return None;
        }
        let boxes = damage(self.last.as_ref()?, scene)?;
        let frame_area = u64::from(scene.width()) * u64::from(scene.height());
        let damaged: u64 = boxes.iter().map(PixelBox::area).sum();
        let fits = patch_offsets(&boxes).1 <= target.readback.size();
        (damaged * MAX_PATCHED_SHARE.1 <= frame_area * MAX_PATCHED_SHARE.0 && fits).then_some(boxes)
    }

    /// Runs `draw` inside wgpu error scopes so that GPU-side failures come back as errors.
    fn guarded<T>(
        &mut self,
        draw: impl FnOnce(&mut Self) -> Result<T, RenderError>,
    ) -> Result<T, RenderError> {
        // wgpu reports GPU-side failures to an error scope, or by panicking when none is open.
        let device = self.gpu.device.clone();
        let out_of_memory = device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let validation = device.push_error_scope(wgpu::ErrorFilter::Validation);
        let drawn = draw(self);
        // Scopes pop innermost first.
        let validation_error = pollster::block_on(validation.pop());
        let memory_error = pollster::block_on(out_of_memory.pop());
        if let Some(error) = validation_error.or(memory_error) {
            // The target may be the culprit (too large for memory); start afresh next frame.
            self.target = None;
            self.last_pixels = None;
            return Err(RenderError::Gpu {
                reason: error.to_string(),
            });
        }
        self.stats.frames_drawn += 1;
        drawn
    }

    /// Plans `layers` moved by `place` into a target of `size`, uploading textures they need.
    fn plan<'l>(
        &mut self,
        layers: impl IntoIterator<Item = &'l Layer>,
        place: Transform,
        size: (u32, u32),
    ) -> Result<Plan, RenderError> {
        let plan = Planner {
            device: &self.gpu.device,
            queue: &self.gpu.queue,
            textures: &mut self.textures,
            quads: &self.quads,
            max_side: self.gpu.max_texture_side.min(MAX_FRAME_SIDE),
            plan: Plan::default(),
        }
        .plan_frame(layers, place, size)?;
        self.stats.groups_offscreen += plan.offscreen_sizes.len() as u64;
        Ok(plan)
    }

    /// Plans the whole frame, draws every pass and, when asked, reads the main target back.
    fn draw(
        &mut self,
        scene: &Scene,
        main: MainTarget<'_>,
    ) -> Result<Option<Vec<u8>>, RenderError> {
        let (width, height) = (scene.width(), scene.height());
        self.textures.begin_frame();
        self.offscreens.begin_frame();
        let plan = self.plan(scene.layers(), Transform::IDENTITY, (width, height))?;
        if matches!(main, MainTarget::Own { .. })
            && self
                .target
                .as_ref()
                .is_none_or(|t| (t.width, t.height) != (width, height))
        {
            self.target = Some(Target::new(&self.gpu.device, width, height));
        }
        let (view, finish) = match main {
            MainTarget::Own { read_back } => (
                MainView::Target,
                if read_back {
                    Finish::ReadAll
                } else {
                    Finish::Nothing
                },
            ),
            MainTarget::Caller(view) => (MainView::Caller(view), Finish::Nothing),
        };
        self.execute(plan, scene.background(), view, finish)?;
        let pixels = match (&main, &self.target) {
            (MainTarget::Own { read_back: true }, Some(target)) => Some(read_back_rows(
                &self.gpu.device,
                &target.readback,
                width,
                height,
            )?),
            _ => None,
        };
        self.text.trim();
        self.textures.end_frame();
        Ok(pixels)
    }

    /// Redraws `boxes` of the held frame: each box is drawn alone (the layers that reach
    /// it, moved so that the box is at the origin) into a patch texture, copied into the
    /// target and, with `read_back`, read back and written into `last_pixels`.
    fn draw_patches(
        &mut self,
        scene: &Scene,
        boxes: &[PixelBox],
        read_back: bool,
    ) -> Result<(), RenderError> {
        self.textures.begin_frame();
        self.offscreens.begin_frame();
        let (offsets, _) = patch_offsets(boxes);
        for (index, (patch_box, offset)) in boxes.iter().zip(&offsets).enumerate() {
            let size = self.ensure_patch(index, patch_box.width, patch_box.height);
            let area = Rect::new(
                patch_box.x as f32,
                patch_box.y as f32,
                patch_box.width as f32,
                patch_box.height as f32,
            );
            let reaching = scene
                .layers()
                .iter()
                .filter(|layer| layer_bounds(layer).is_some_and(|b| b.intersect(&area).is_some()));
            let place = Transform::translate(-area.x, -area.y);
            let plan = self.plan(reaching, place, size)?;
            let finish = Finish::Patch {
                index,
                at: *patch_box,
                readback_offset: read_back.then_some(*offset),
            };
            self.execute(plan, scene.background(), MainView::Patch(index), finish)?;
        }
        if read_back {
            self.read_patches(scene.width(), boxes, &offsets)?;
        }
        self.text.trim();
        self.textures.end_frame();
        Ok(())
    }

    /// Patch texture `index`, grown to hold `width` x `height`; returns its size.
    fn ensure_patch(&mut self, index: usize, width: u32, height: u32) -> (u32, u32) {
        let fits = |p: &Patch| p.width >= width && p.height >= height;
        if self.patches.get(index).is_some_and(fits) {
            return self
                .patches
                .get(index)
                .map_or((width, height), |p| (p.width, p.height));
        }
        // Grown in steps, so that a box whose size moves a little keeps its texture.
        let (old_w, old_h) = self
            .patches
            .get(index)
            .map_or((0, 0), |p| (p.width, p.height));
        let step = |v: u32| v.div_ceil(PATCH_STEP_PX).saturating_mul(PATCH_STEP_PX);
        let patch = Patch::new(
            &self.gpu.device,
            step(width.max(old_w)),
            step(height.max(old_h)),
        );
        let size = (patch.width, patch.height);
        if index < self.patches.len() {
            self.patches[index] = patch;
        } else {
            self.patches.push(patch);
        }
        size
    }

    /// Waits for the patches' readback and writes their rows into `last_pixels`.
    fn read_patches(
        &mut self,
        frame_width: u32,
        boxes: &[PixelBox],
        offsets: &[u64],
    ) -> Result<(), RenderError> {
        let (Some(target), Some(pixels)) = (&self.target, &mut self.last_pixels) else {
            return Err(RenderError::Readback {
                reason: "the frame to patch is missing".to_owned(),
            });
        };
        map_readback(&self.gpu.device, &target.readback)?;
        {
            let mapped =
                target
                    .readback
                    .get_mapped_range(..)
                    .map_err(|e| RenderError::Readback {
                        reason: e.to_string(),
                    })?;
            let frame_row = frame_width as usize * 4;
            for (patch_box, offset) in boxes.iter().zip(offsets) {
                let row = patch_box.width as usize * 4;
                let stride = padded_bytes_per_row(patch_box.width) as usize;
                for y in 0..patch_box.height as usize {
                    let from = *offset as usize + y * stride;
                    let to = (patch_box.y as usize + y) * frame_row + patch_box.x as usize * 4;
                    if let (Some(src), Some(dst)) =
                        (mapped.get(from..from + row), pixels.get_mut(to..to + row))
                    {
                        dst.copy_from_slice(src);
                    }
                }
            }
        }
        target.readback.unmap();
        Ok(())
    }

    /// Draws every pass of `plan`, the main pass into `main`, then does `finish`.
    fn execute(
        &mut self,
        plan: Plan,
        background: crate::Color,
        main: MainView<'_>,
        finish: Finish,
    ) -> Result<(), RenderError> {
        let device = &self.gpu.device;
        let slots: Vec<usize> = plan
            .offscreen_sizes
            .iter()
            .map(|size| self.offscreens.acquire(device, &self.quads, FORMAT, *size))
            .collect();

        for pass in plan.passes {
            let is_main = pass.target == PassTarget::Main;
            let clear = if is_main {
                let [r, g, b, a] = background.to_unit().map(f64::from);
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
                (PassTarget::Main, MainView::Caller(view)) => *view,
                (PassTarget::Main, MainView::Target) => match &self.target {
                    Some(target) => &target.view,
                    None => return Ok(()),
                },
                (PassTarget::Main, MainView::Patch(i)) => match self.patches.get(*i) {
                    Some(patch) => &patch.view,
                    None => return Ok(()),
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
            if is_main {
                self.finish(&mut encoder, &finish);
            }
            self.gpu.queue.submit(Some(encoder.finish()));
        }
        Ok(())
    }

    /// Records what follows the main pass: a readback, or a patch's copy into the target.
    fn finish(&self, encoder: &mut wgpu::CommandEncoder, finish: &Finish) {
        let Some(target) = &self.target else {
            return;
        };
        match *finish {
            Finish::Nothing => {}
            Finish::ReadAll => copy_to_readback(encoder, target),
            Finish::Patch {
                index,
                at,
                readback_offset,
            } => {
                let Some(patch) = self.patches.get(index) else {
                    return;
                };
                let source = wgpu::TexelCopyTextureInfo {
                    texture: &patch.texture,
                    mip_level: 0,
                    origin: wgpu::Origin3d::ZERO,
                    aspect: wgpu::TextureAspect::All,
                };
                let extent = wgpu::Extent3d {
                    width: at.width,
                    height: at.height,
                    depth_or_array_layers: 1,
                };
                encoder.copy_texture_to_texture(
                    source,
                    wgpu::TexelCopyTextureInfo {
                        texture: &target.texture,
                        mip_level: 0,
                        origin: wgpu::Origin3d {
                            x: at.x,
                            y: at.y,
                            z: 0,
                        },
                        aspect: wgpu::TextureAspect::All,
                    },
                    extent,
                );
                if let Some(offset) = readback_offset {
                    encoder.copy_texture_to_buffer(
                        source,
                        wgpu::TexelCopyBufferInfo {
                            buffer: &target.readback,
                            layout: wgpu::TexelCopyBufferLayout {
                                offset,
                                bytes_per_row: Some(padded_bytes_per_row(at.width)),
                                rows_per_image: Some(at.height),
                            },
                        },
                        extent,
                    );
                }
            }
        }
    }
}

/// Largest share of the frame (numerator, denominator) redrawn as patches; more than that
/// is drawn whole, which costs about the same and needs no copies.
const MAX_PATCHED_SHARE: (u64, u64) = (1, 2);
/// Patch textures grow in steps of this many pixels.
const PATCH_STEP_PX: u32 = 64;

/// Where each patch's rows start in the readback buffer, and the bytes they need in all.
fn patch_offsets(boxes: &[PixelBox]) -> (Vec<u64>, u64) {
    let align = u64::from(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT);
    let mut offsets = Vec::with_capacity(boxes.len());
    let mut end = 0u64;
    for patch_box in boxes {
        offsets.push(end);
        end += u64::from(padded_bytes_per_row(patch_box.width)) * u64::from(patch_box.height);
        end = end.div_ceil(align) * align;
    }
    (offsets, end)
}

/// A texture a damaged box is drawn into before it is copied into the frame.
#[derive(Debug)]
struct Patch {
    width: u32,
    height: u32,
    texture: wgpu::Texture,
    view: wgpu::TextureView,
}

impl Patch {
    fn new(device: &wgpu::Device, width: u32, height: u32) -> Self {
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("ggp-render patch"),
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
        Self {
            width,
            height,
            texture,
            view,
        }
    }
}

/// Where the main pass of a frame is drawn.
enum MainView<'a> {
    /// The renderer's own target.
    Target,
    /// Patch texture number `n`.
    Patch(usize),
    /// A caller's texture view.
    Caller(&'a wgpu::TextureView),
}

/// What follows the main pass, in the same submission.
enum Finish {
    Nothing,
    /// Copy the whole target into the readback buffer.
    ReadAll,
    /// Copy patch `index` into the target at `at`, and into the readback buffer.
    Patch {
        index: usize,
        at: PixelBox,
        readback_offset: Option<u64>,
    },
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
    map_readback(device, buffer)?;
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

/// Maps the readback buffer for reading and waits for the GPU to finish writing it.
fn map_readback(device: &wgpu::Device, buffer: &wgpu::Buffer) -> Result<(), RenderError> {
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
        })
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
