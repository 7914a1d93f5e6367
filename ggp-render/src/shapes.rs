//! Shape layers (rounded rectangles with fill, border, shadow, opacity) and the one SDF
//! pipeline that draws them all as instanced quads.

use std::ops::Range;

use bytemuck::{Pod, Zeroable};

use crate::{Color, Rect, Transform};

/// How a shape's inside is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fill {
    /// One colour.
    Solid(Color),
    /// A linear gradient from `from` to `to` across the shape.
    ///
    /// `angle_deg` is the direction of travel: 0 runs left to right, 90 top to bottom.
    LinearGradient {
        /// Colour at the start edge.
        from: Color,
        /// Colour at the end edge.
        to: Color,
        /// Direction in degrees, clockwise from "to the right".
        angle_deg: f32,
    },
}

/// A stroke drawn inside the shape's edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Border {
    /// Width in pixels, measured inwards from the edge.
    pub width: f32,
    /// Colour of the stroke.
    pub color: Color,
}

/// A soft shadow cast behind the shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shadow {
    /// Horizontal offset in pixels (positive is right).
    pub offset_x: f32,
    /// Vertical offset in pixels (positive is down).
    pub offset_y: f32,
    /// How far the edge fades, in pixels; 0 is a hard shadow.
    pub blur_radius: f32,
    /// Shadow colour, usually translucent black.
    pub color: Color,
}

/// A rounded rectangle layer.
///
/// ```
/// use ggp_render::{Border, Color, Fill, Rect, Shadow, ShapeLayer};
/// let panel = ShapeLayer::new(Rect::new(20.0, 20.0, 200.0, 60.0), Fill::Solid(Color::rgb(20, 30, 60)))
///     .with_corner_radius(12.0)
///     .with_border(Border { width: 2.0, color: Color::WHITE })
///     .with_shadow(Shadow { offset_x: 4.0, offset_y: 6.0, blur_radius: 8.0, color: Color::rgba(0, 0, 0, 160) })
///     .with_opacity(0.9);
/// assert_eq!(panel.corner_radius, 12.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeLayer {
    /// The rectangle's box.
    pub rect: Rect,
    /// Corner radius in pixels, clamped to half the shorter side.
    pub corner_radius: f32,
    /// Inside paint.
    pub fill: Fill,
    /// Optional stroke.
    pub border: Option<Border>,
    /// Optional drop shadow.
    pub shadow: Option<Shadow>,
    /// 0.0 (invisible) to 1.0 (as painted); multiplies fill, border and shadow.
    pub opacity: f32,
}

impl ShapeLayer {
    /// A sharp-cornered, opaque rectangle with no border or shadow.
    pub fn new(rect: Rect, fill: Fill) -> Self {
        Self {
            rect,
            corner_radius: 0.0,
            fill,
            border: None,
            shadow: None,
            opacity: 1.0,
        }
    }

    /// Rounds the corners.
    pub fn with_corner_radius(mut self, corner_radius: f32) -> Self {
        self.corner_radius = corner_radius;
        self
    }

    /// Adds a border.
    pub fn with_border(mut self, border: Border) -> Self {
        self.border = Some(border);
        self
    }

    /// Adds a drop shadow.
    pub fn with_shadow(mut self, shadow: Shadow) -> Self {
        self.shadow = Some(shadow);
        self
    }

    /// Sets the opacity (clamped to 0.0-1.0 when drawn).
    pub fn with_opacity(mut self, opacity: f32) -> Self {
        self.opacity = opacity;
        self
    }
}

/// The per-instance data the shader reads; field order matches `shapes.wgsl`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub(crate) struct ShapeInstance {
    rect: [f32; 4],
    fill_from: [f32; 4],
    fill_to: [f32; 4],
    border_color: [f32; 4],
    shadow_color: [f32; 4],
    params: [f32; 4],
    shadow: [f32; 4],
}

impl From<&ShapeLayer> for ShapeInstance {
    fn from(layer: &ShapeLayer) -> Self {
        let (from, to, angle_deg) = match layer.fill {
            Fill::Solid(c) => (c, c, 0.0),
            Fill::LinearGradient {
                from,
                to,
                angle_deg,
            } => (from, to, angle_deg),
        };
        let border = layer.border.unwrap_or(Border {
            width: 0.0,
            color: Color::TRANSPARENT,
        });
        let shadow = layer.shadow.unwrap_or(Shadow {
            offset_x: 0.0,
            offset_y: 0.0,
            blur_radius: 0.0,
            color: Color::TRANSPARENT,
        });
        let r = layer.rect;
        Self {
            rect: [r.x, r.y, r.width.max(0.0), r.height.max(0.0)],
            fill_from: from.to_unit(),
            fill_to: to.to_unit(),
            border_color: border.color.to_unit(),
            shadow_color: shadow.color.to_unit(),
            params: [
                layer.corner_radius,
                border.width,
                angle_deg.to_radians(),
                layer.opacity,
            ],
            shadow: [shadow.offset_x, shadow.offset_y, shadow.blur_radius, 0.0],
        }
    }
}

impl ShapeInstance {
    /// The box the shader may paint: the shape, its shadow and a pixel of anti-aliasing.
    pub(crate) fn bounds(&self) -> Rect {
        let [x, y, w, h] = self.rect;
        let shape = Rect::new(x, y, w, h).grow(1.0);
        if self.shadow_color[3] <= 0.0 {
            return shape;
        }
        let [dx, dy, blur, _] = self.shadow;
        shape.union(&Rect::new(x + dx, y + dy, w, h).grow(blur.max(0.0) + 1.0))
    }

    /// The instance for `layer` moved and evenly scaled by `place` into target pixels.
    pub(crate) fn placed(layer: &ShapeLayer, place: &Transform) -> Self {
        if *place == Transform::IDENTITY {
            return layer.into();
        }
        let s = place.a;
        let r = layer.rect;
        let (x, y) = place.apply(r.x, r.y);
        let mut moved = *layer;
        moved.rect = Rect::new(x, y, r.width * s, r.height * s);
        moved.corner_radius *= s;
        if let Some(border) = &mut moved.border {
            border.width *= s;
        }
        if let Some(shadow) = &mut moved.shadow {
            shadow.offset_x *= s;
            shadow.offset_y *= s;
            shadow.blur_radius *= s;
        }
        (&moved).into()
    }
}

/// The SDF pipeline, its viewport uniform and a growable instance buffer.
#[derive(Debug)]
pub(crate) struct ShapePipeline {
    pipeline: wgpu::RenderPipeline,
    viewport: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
    instances: wgpu::Buffer,
    capacity: usize,
}

const INSTANCE_ATTRIBUTES: [wgpu::VertexAttribute; 7] = wgpu::vertex_attr_array![
    0 => Float32x4, 1 => Float32x4, 2 => Float32x4, 3 => Float32x4,
    4 => Float32x4, 5 => Float32x4, 6 => Float32x4
];

impl ShapePipeline {
    pub(crate) fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> Self {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("ggp-render shapes"),
            source: wgpu::ShaderSource::Wgsl(include_str!("shapes.wgsl").into()),
        });
        let layout_entries = [wgpu::BindGroupLayoutEntry {
            binding: 0,
            visibility: wgpu::ShaderStages::VERTEX,
            ty: wgpu::BindingType::Buffer {
                ty: wgpu::BufferBindingType::Uniform,
                has_dynamic_offset: false,
                min_binding_size: None,
            },
            count: None,
        }];
        let bind_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("ggp-render shapes viewport"),
            entries: &layout_entries,
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("ggp-render shapes"),
            bind_group_layouts: &[Some(&bind_layout)],
            immediate_size: 0,
        });
        let vertex_buffers = [Some(wgpu::VertexBufferLayout {
            array_stride: size_of::<ShapeInstance>() as wgpu::BufferAddress,
            step_mode: wgpu::VertexStepMode::Instance,
            attributes: &INSTANCE_ATTRIBUTES,
        })];
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("ggp-render shapes"),
            layout: Some(&layout),
            vertex: wgpu::VertexState {
                module: &module,
                entry_point: Some("vs_main"),
                compilation_options: Default::default(),
                buffers: &vertex_buffers,
            },
            primitive: wgpu::PrimitiveState::default(),
            depth_stencil: None,
            multisample: wgpu::MultisampleState::default(),
            fragment: Some(wgpu::FragmentState {
                module: &module,
                entry_point: Some("fs_main"),
                compilation_options: Default::default(),
                targets: &[Some(wgpu::ColorTargetState {
                    format,
                    blend: Some(wgpu::BlendState::PREMULTIPLIED_ALPHA_BLENDING),
                    write_mask: wgpu::ColorWrites::ALL,
                })],
            }),
            multiview_mask: None,
            cache: None,
        });
        let viewport = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("ggp-render shapes viewport"),
            size: 16,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("ggp-render shapes viewport"),
            layout: &bind_layout,
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: viewport.as_entire_binding(),
            }],
        });
        let capacity = 64;
        let instances = Self::instance_buffer(device, capacity);
        Self {
            pipeline,
            viewport,
            bind_group,
            instances,
            capacity,
        }
    }

    fn instance_buffer(device: &wgpu::Device, capacity: usize) -> wgpu::Buffer {
        device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("ggp-render shape instances"),
            size: (capacity * size_of::<ShapeInstance>()) as wgpu::BufferAddress,
            usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        })
    }

    /// Uploads the frame size and every shape of the frame, growing the buffer if needed.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        size: (u32, u32),
        instances: &[ShapeInstance],
    ) {
        let viewport = [size.0 as f32, size.1 as f32, 0.0, 0.0];
        queue.write_buffer(&self.viewport, 0, bytemuck::cast_slice(&viewport));
        if instances.len() > self.capacity {
            self.capacity = instances.len().next_power_of_two();
            self.instances = Self::instance_buffer(device, self.capacity);
        }
        if !instances.is_empty() {
            queue.write_buffer(&self.instances, 0, bytemuck::cast_slice(instances));
        }
    }

    /// Draws the prepared instances in `range` (indices into the slice given to `prepare`).
    pub(crate) fn draw(&self, pass: &mut wgpu::RenderPass<'_>, range: Range<u32>) {
        if range.is_empty() {
            return;
        }
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &self.bind_group, &[]);
        pass.set_vertex_buffer(0, self.instances.slice(..));
        pass.draw(0..6, range);
    }
}
