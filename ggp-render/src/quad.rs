//! The textured-quad pipeline: composites offscreen groups and draws card faces, images and
//! video frames, with opacity, a rounded clip and the four blend modes.

use bytemuck::{Pod, Zeroable};

use crate::{BlendMode, Clip, Rect, Transform};

/// The per-instance data the shader reads; field order matches `quad.wgsl`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
pub(crate) struct QuadInstance {
    origin_axis_x: [f32; 4],
    axis_y_params: [f32; 4],
    uv: [f32; 4],
    local: [f32; 4],
    clip: [f32; 4],
    clip_params: [f32; 4],
}

impl QuadInstance {
    /// The quad `local` (in some layer's units) drawn through `to_target` into target
    /// pixels, showing texture coordinates `uv`, faded by `opacity` and masked by `clip`;
    /// `straight` textures are premultiplied in the shader.
    pub(crate) fn new(
        local: Rect,
        to_target: &Transform,
        uv: [f32; 4],
        opacity: f32,
        clip: Option<Clip>,
        straight: bool,
    ) -> Self {
        let (ox, oy) = to_target.apply(local.x, local.y);
        let axis_x = [to_target.a * local.width, to_target.b * local.width];
        let axis_y = [to_target.c * local.height, to_target.d * local.height];
        let clip_rect = clip.map_or(Rect::default(), |c| c.rect);
        let (radius, clipping) = clip.map_or((0.0, 0.0), |c| (c.corner_radius, 1.0));
        Self {
            origin_axis_x: [ox, oy, axis_x[0], axis_x[1]],
            axis_y_params: [axis_y[0], axis_y[1], opacity, to_target.max_scale()],
            uv,
            local: [local.x, local.y, local.width, local.height],
            clip: [clip_rect.x, clip_rect.y, clip_rect.width, clip_rect.height],
            clip_params: [radius, clipping, f32::from(u8::from(straight)), 0.0],
        }
    }
}

impl QuadInstance {
    /// The axis-aligned box around the quad in target pixels.
    pub(crate) fn bounds(&self) -> Rect {
        let [ox, oy, ax, ay] = self.origin_axis_x;
        let [bx, by, _, _] = self.axis_y_params;
        let xs = [ox, ox + ax, ox + bx, ox + ax + bx];
        let ys = [oy, oy + ay, oy + by, oy + ay + by];
        let (x0, x1) = (
            xs.iter().copied().fold(f32::MAX, f32::min),
            xs.iter().copied().fold(f32::MIN, f32::max),
        );
        let (y0, y1) = (
            ys.iter().copied().fold(f32::MAX, f32::min),
            ys.iter().copied().fold(f32::MIN, f32::max),
        );
        Rect::new(x0, y0, x1 - x0, y1 - y0).grow(1.0)
    }
}

const INSTANCE_ATTRIBUTES: [wgpu::VertexAttribute; 6] = wgpu::vertex_attr_array![
    0 => Float32x4, 1 => Float32x4, 2 => Float32x4, 3 => Float32x4, 4 => Float32x4, 5 => Float32x4
];

/// Premultiplied blend states. Multiply needs two draws: fixed-function blending has one
/// source factor, and premultiplied multiply is `cs*cb + cb*(1-as) + cs*(1-ab)`; the first
/// draw adds the terms scaled by the backdrop while leaving alpha alone, the second adds
/// `cs*(1-ab)` (alpha still the backdrop's) and updates alpha.
fn blend_states(mode: BlendMode) -> Vec<wgpu::BlendState> {
    use wgpu::{BlendComponent as C, BlendFactor as F, BlendOperation as Op};
    let comp = |src_factor, dst_factor| C {
        src_factor,
        dst_factor,
        operation: Op::Add,
    };
    let over_alpha = comp(F::One, F::OneMinusSrcAlpha);
    match mode {
        BlendMode::Normal => vec![wgpu::BlendState::PREMULTIPLIED_ALPHA_BLENDING],
        BlendMode::Add => vec![wgpu::BlendState {
            color: comp(F::One, F::One),
            alpha: comp(F::One, F::One),
        }],
        BlendMode::Screen => vec![wgpu::BlendState {
            color: comp(F::One, F::OneMinusSrc),
            alpha: over_alpha,
        }],
        BlendMode::Multiply => vec![
            wgpu::BlendState {
                color: comp(F::Dst, F::OneMinusSrcAlpha),
                alpha: comp(F::Zero, F::One),
            },
            wgpu::BlendState {
                color: comp(F::OneMinusDstAlpha, F::One),
                alpha: over_alpha,
            },
        ],
    }
}

const MODES: [BlendMode; 4] = [
    BlendMode::Normal,
    BlendMode::Add,
    BlendMode::Multiply,
    BlendMode::Screen,
];

/// Pipelines for each blend mode, the viewport uniform, a sampler and the instance buffer.
#[derive(Debug)]
pub(crate) struct QuadPipeline {
    /// One list of pipelines per entry of `MODES`, drawn in order.
    pipelines: Vec<Vec<wgpu::RenderPipeline>>,
    texture_layout: wgpu::BindGroupLayout,
    sampler: wgpu::Sampler,
    viewport: wgpu::Buffer,
    viewport_group: wgpu::BindGroup,
    instances: wgpu::Buffer,
    capacity: usize,
}

impl QuadPipeline {
    pub(crate) fn new(device: &wgpu::Device, format: wgpu::TextureFormat) -> Self {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("ggp-render quads"),
            source: wgpu::ShaderSource::Wgsl(include_str!("quad.wgsl").into()),
        });
        let viewport_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("ggp-render quads viewport"),
            entries: &[wgpu::BindGroupLayoutEntry {
                binding: 0,
                visibility: wgpu::ShaderStages::VERTEX,
                ty: wgpu::BindingType::Buffer {
                    ty: wgpu::BufferBindingType::Uniform,
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            }],
        });
        let texture_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("ggp-render quad texture"),
            entries: &[
                wgpu::BindGroupLayoutEntry {
                    binding: 0,
                    visibility: wgpu::ShaderStages::FRAGMENT,
                    ty: wgpu::BindingType::Texture {
                        sample_type: wgpu::TextureSampleType::Float { filterable: true },
                        view_dimension: wgpu::TextureViewDimension::D2,
                        multisampled: false,
                    },
                    count: None,
                },
                wgpu::BindGroupLayoutEntry {
                    binding: 1,
                    visibility: wgpu::ShaderStages::FRAGMENT,
                    ty: wgpu::BindingType::Sampler(wgpu::SamplerBindingType::Filtering),
                    count: None,
                },
            ],
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("ggp-render quads"),
            bind_group_layouts: &[Some(&viewport_layout), Some(&texture_layout)],
            immediate_size: 0,
        });
        let vertex_buffers = [Some(wgpu::VertexBufferLayout {
            array_stride: size_of::<QuadInstance>() as wgpu::BufferAddress,
            step_mode: wgpu::VertexStepMode::Instance,
            attributes: &INSTANCE_ATTRIBUTES,
        })];
        let pipeline = |blend: wgpu::BlendState| {
            device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
                label: Some("ggp-render quads"),
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
                        blend: Some(blend),
                        write_mask: wgpu::ColorWrites::ALL,
                    })],
                }),
                multiview_mask: None,
                cache: None,
            })
        };
        let pipelines = MODES
            .iter()
            .map(|mode| blend_states(*mode).into_iter().map(pipeline).collect())
            .collect();
        let sampler = device.create_sampler(&wgpu::SamplerDescriptor {
            label: Some("ggp-render quad sampler"),
            mag_filter: wgpu::FilterMode::Linear,
            min_filter: wgpu::FilterMode::Linear,
            ..Default::default()
        });
        let viewport = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("ggp-render quads viewport"),
            size: 16,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let viewport_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("ggp-render quads viewport"),
            layout: &viewport_layout,
            entries: &[wgpu::BindGroupEntry {
                binding: 0,
                resource: viewport.as_entire_binding(),
            }],
        });
        let capacity = 16;
        let instances = Self::instance_buffer(device, capacity);
        Self {
            pipelines,
            texture_layout,
            sampler,
            viewport,
            viewport_group,
            instances,
            capacity,
        }
    }

    fn instance_buffer(device: &wgpu::Device, capacity: usize) -> wgpu::Buffer {
        device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("ggp-render quad instances"),
            size: (capacity * size_of::<QuadInstance>()) as wgpu::BufferAddress,
            usage: wgpu::BufferUsages::VERTEX | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        })
    }

    /// A bind group that lets the quads sample `view`.
    pub(crate) fn bind_texture(
        &self,
        device: &wgpu::Device,
        view: &wgpu::TextureView,
    ) -> wgpu::BindGroup {
        device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("ggp-render quad texture"),
            layout: &self.texture_layout,
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: wgpu::BindingResource::TextureView(view),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::Sampler(&self.sampler),
                },
            ],
        })
    }

    /// Uploads the target size and the pass's quads.
    pub(crate) fn prepare(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        size: (u32, u32),
        instances: &[QuadInstance],
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

    /// Draws prepared quad `index` sampling `texture` with `blend`.
    pub(crate) fn draw(
        &self,
        pass: &mut wgpu::RenderPass<'_>,
        index: u32,
        texture: &wgpu::BindGroup,
        blend: BlendMode,
    ) {
        let mode = MODES.iter().position(|m| *m == blend).unwrap_or(0);
        let Some(pipelines) = self.pipelines.get(mode) else {
            return;
        };
        pass.set_bind_group(0, &self.viewport_group, &[]);
        pass.set_bind_group(1, texture, &[]);
        pass.set_vertex_buffer(0, self.instances.slice(..));
        for pipeline in pipelines {
            pass.set_pipeline(pipeline);
            pass.draw(0..6, index..index + 1);
        }
    }
}
