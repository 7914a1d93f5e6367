//! Textures kept between frames (card rasters, images, video frames) and the pool of
//! offscreen group textures reused from frame to frame.

use std::collections::HashMap;

use crate::deck::{card_svg, parse_svg, rasterize};
use crate::quad::QuadPipeline;
use crate::{CardFace, DeckId, RenderError};

/// Textures unused for this many frames are freed.
const EVICT_AFTER_FRAMES: u64 = 300;

/// What a cached texture holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TextureKey {
    /// A deck card rasterised at a pixel size.
    Card {
        deck: DeckId,
        face: CardFace,
        width: u32,
        height: u32,
    },
}

#[derive(Debug)]
struct Entry {
    /// Kept to write new contents into when a source changes but keeps its size.
    _texture: wgpu::Texture,
    bind_group: wgpu::BindGroup,
    last_used: u64,
}

/// Premultiplied RGBA8 textures that live across frames, looked up by what they show.
#[derive(Debug, Default)]
pub(crate) struct TextureCache {
    entries: HashMap<TextureKey, Entry>,
    frame: u64,
    /// Rasterisations and uploads done since the renderer was made.
    pub(crate) uploads: u64,
}

/// A sampled RGBA8 texture of `size`.
pub(crate) fn sampled_texture(
    device: &wgpu::Device,
    size: (u32, u32),
    label: &str,
) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d {
            width: size.0,
            height: size.1,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: wgpu::TextureFormat::Rgba8Unorm,
        usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
        view_formats: &[],
    })
}

/// Copies `pixels` (rows `bytes_per_row` apart) into the whole of `texture`.
pub(crate) fn upload(
    queue: &wgpu::Queue,
    texture: &wgpu::Texture,
    pixels: &[u8],
    bytes_per_row: u32,
) {
    let size = texture.size();
    queue.write_texture(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: 0,
            origin: wgpu::Origin3d::ZERO,
            aspect: wgpu::TextureAspect::All,
        },
        pixels,
        wgpu::TexelCopyBufferLayout {
            offset: 0,
            bytes_per_row: Some(bytes_per_row),
            rows_per_image: Some(size.height),
        },
        size,
    );
}

impl TextureCache {
    /// Starts a frame: entries touched from now on count as used in it.
    pub(crate) fn begin_frame(&mut self) {
        self.frame += 1;
    }

    /// Frees textures no frame has used for a while.
    pub(crate) fn end_frame(&mut self) {
        let frame = self.frame;
        self.entries
            .retain(|_, e| frame.saturating_sub(e.last_used) <= EVICT_AFTER_FRAMES);
    }

    /// The bind group for `key`, if it is cached.
    pub(crate) fn bind_group(&self, key: &TextureKey) -> Option<&wgpu::BindGroup> {
        self.entries.get(key).map(|e| &e.bind_group)
    }

    /// Marks `key` used; true when it is already cached.
    fn touch(&mut self, key: &TextureKey) -> bool {
        let frame = self.frame;
        self.entries
            .get_mut(key)
            .map(|e| e.last_used = frame)
            .is_some()
    }

    /// Stores premultiplied `pixels` of `size` under `key`.
    fn insert(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        quads: &QuadPipeline,
        key: TextureKey,
        size: (u32, u32),
        pixels: &[u8],
    ) {
        let texture = sampled_texture(device, size, "ggp-render cached texture");
        upload(queue, &texture, pixels, size.0 * 4);
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let bind_group = quads.bind_texture(device, &view);
        self.uploads += 1;
        self.entries.insert(
            key,
            Entry {
                _texture: texture,
                bind_group,
                last_used: self.frame,
            },
        );
    }

    /// Makes sure the deck card `key` is rasterised and uploaded; does nothing when cached.
    pub(crate) fn ensure_card(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        quads: &QuadPipeline,
        key: TextureKey,
    ) -> Result<(), RenderError> {
        if self.touch(&key) {
            return Ok(());
        }
        let TextureKey::Card {
            deck,
            face,
            width,
            height,
        } = key;
        let what = match face {
            CardFace::Up(card) => format!("card {card} of {deck:?}"),
            CardFace::Back => format!("back of {deck:?}"),
        };
        let tree = parse_svg(card_svg(deck, face), &what)?;
        let pixels = rasterize(&tree, width, height, &what)?;
        self.insert(device, queue, quads, key, (width, height), &pixels);
        Ok(())
    }
}

/// An offscreen texture a group is drawn into before it is composited.
#[derive(Debug)]
pub(crate) struct Offscreen {
    pub(crate) size: (u32, u32),
    pub(crate) view: wgpu::TextureView,
    pub(crate) bind_group: wgpu::BindGroup,
    in_use: bool,
}

/// Offscreen textures, reused by size from one frame to the next.
#[derive(Debug, Default)]
pub(crate) struct OffscreenPool {
    slots: Vec<Offscreen>,
}

impl OffscreenPool {
    /// Frees the textures the last frame did not use and marks the rest free for this one.
    pub(crate) fn begin_frame(&mut self) {
        self.slots.retain(|s| s.in_use);
        for slot in &mut self.slots {
            slot.in_use = false;
        }
    }

    /// A free texture of exactly `size`, made if none is free; returns its slot number.
    pub(crate) fn acquire(
        &mut self,
        device: &wgpu::Device,
        quads: &QuadPipeline,
        format: wgpu::TextureFormat,
        size: (u32, u32),
    ) -> usize {
        if let Some(i) = self.slots.iter().position(|s| !s.in_use && s.size == size) {
            self.slots[i].in_use = true;
            return i;
        }
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("ggp-render offscreen group"),
            size: wgpu::Extent3d {
                width: size.0,
                height: size.1,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::TEXTURE_BINDING,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let bind_group = quads.bind_texture(device, &view);
        self.slots.push(Offscreen {
            size,
            view,
            bind_group,
            in_use: true,
        });
        self.slots.len() - 1
    }

    /// Slot `index`, as returned by [`Self::acquire`].
    pub(crate) fn get(&self, index: usize) -> Option<&Offscreen> {
        self.slots.get(index)
    }
}
