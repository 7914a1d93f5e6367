//! Finding a wgpu adapter and opening a device on it, without ever panicking.

use crate::RenderError;

/// Which adapter the renderer asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AdapterChoice {
    /// The fastest adapter wgpu offers (a discrete GPU when there is one, else whatever exists).
    #[default]
    HighPerformance,
    /// A software adapter running on the CPU (lavapipe or llvmpipe), for reproducible output.
    Cpu,
}

/// How to set the renderer up.
///
/// ```
/// use ggp_render::{AdapterChoice, RendererOptions};
/// let options = RendererOptions { adapter: AdapterChoice::Cpu, ..Default::default() };
/// assert_eq!(options.adapter, AdapterChoice::Cpu);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RendererOptions {
    /// Which adapter to use.
    pub adapter: AdapterChoice,
}

/// An open device and what it runs on.
#[derive(Debug)]
pub(crate) struct Gpu {
    pub(crate) device: wgpu::Device,
    pub(crate) queue: wgpu::Queue,
    pub(crate) info: wgpu::AdapterInfo,
    pub(crate) max_texture_side: u32,
}

/// Vulkan first: on Mesa it is the faster of the two software paths.
fn backend_rank(backend: wgpu::Backend) -> u8 {
    match backend {
        wgpu::Backend::Vulkan => 0,
        wgpu::Backend::Metal | wgpu::Backend::Dx12 => 1,
        _ => 2,
    }
}

async fn pick_adapter(
    instance: &wgpu::Instance,
    choice: AdapterChoice,
) -> Result<wgpu::Adapter, RenderError> {
    match choice {
        AdapterChoice::HighPerformance => instance
            .request_adapter(&wgpu::RequestAdapterOptions {
                power_preference: wgpu::PowerPreference::HighPerformance,
                ..Default::default()
            })
            .await
            .map_err(|_| RenderError::NoAdapter {
                wanted: "any adapter",
            }),
        AdapterChoice::Cpu => {
            let mut adapters: Vec<wgpu::Adapter> = instance
                .enumerate_adapters(wgpu::Backends::all())
                .await
                .into_iter()
                .filter(|a| a.get_info().device_type == wgpu::DeviceType::Cpu)
                .collect();
            adapters.sort_by_key(|a| backend_rank(a.get_info().backend));
            adapters.into_iter().next().ok_or(RenderError::NoAdapter {
                wanted: "a CPU (software) adapter",
            })
        }
    }
}

impl Gpu {
    pub(crate) fn open(options: &RendererOptions) -> Result<Self, RenderError> {
        pollster::block_on(Self::open_async(options))
    }

    async fn open_async(options: &RendererOptions) -> Result<Self, RenderError> {
        let instance = wgpu::Instance::new(wgpu::InstanceDescriptor::new_without_display_handle());
        let adapter = pick_adapter(&instance, options.adapter).await?;
        let info = adapter.get_info();
        // Ask for what the adapter has: the defaults' 8192 texture side is more than some
        // adapters give, and 4K frames only need 4096.
        let limits = adapter.limits();
        let (device, queue) = adapter
            .request_device(&wgpu::DeviceDescriptor {
                label: Some("ggp-render"),
                required_limits: limits.clone(),
                ..Default::default()
            })
            .await
            .map_err(|e| RenderError::DeviceRequest {
                adapter: info.name.clone(),
                reason: e.to_string(),
            })?;
        Ok(Self {
            device,
            queue,
            info,
            max_texture_side: limits.max_texture_dimension_2d,
        })
    }
}
