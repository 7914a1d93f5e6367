//! Textures kept between frames (card rasters, images, video frames) and the pool of
//! offscreen group textures reused from frame to frame.

use std::collections::HashMap;

use crate::deck::{card_svg, parse_svg, rasterize};
use crate::image::Content;
use crate::quad::QuadPipeline;
use crate::{AlphaMode, CardFace, DeckId, Image, ImageProblem, RenderError, VideoFrame};

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
    /// An image: rasters at their own size (0 x 0 here), SVG at the drawn pixel size.
    Image { id: u64, width: u32, height: u32 },
    /// The texture of a video feed.
    Video { feed: u32 },
}

#[derive(Debug)]
struct Entry {
    /// Kept to write new video frames into while the size stays the same.
    texture: wgpu::Texture,
    bind_group: wgpu::BindGroup,
    last_used: u64,
    /// For video: the frame last uploaded, held so its buffer cannot be reused meanwhile.
    frame: Option<VideoFrame>,
}

/// Premultiplied RGBA8 textures that live across frames, looked up by what they show.
#[derive(Debug, Default)]
pub(crate) struct TextureCache {
    entries: HashMap<TextureKey, Entry>,
    frame: u64,
    /// Rasterisations and uploads done since the renderer was made.
    pub(crate) uploads: u64,
    /// Video frames written into feed textures.
    pub(crate) video_uploads: u64,
    /// Feed textures allocated (first frame of a feed, or a change of size).
    pub(crate) video_allocations: u64,
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
                texture,
                bind_group,
                last_used: self.frame,
                frame: None,
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
        } = key
        else {
            return Ok(());
        };
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

impl TextureCache {
    /// Makes sure `image` is uploaded (SVG: rasterised at `svg_size`); returns its key.
    pub(crate) fn ensure_image(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        quads: &QuadPipeline,
        image: &Image,
        svg_size: (u32, u32),
        max_side: u32,
    ) -> Result<TextureKey, RenderError> {
        let data = &image.0;
        let key = match data.content {
            Content::Raster { .. } => TextureKey::Image {
                id: data.id,
                width: 0,
                height: 0,
            },
            Content::Svg(_) => TextureKey::Image {
                id: data.id,
                width: svg_size.0,
                height: svg_size.1,
            },
        };
        if self.touch(&key) {
            return Ok(key);
        }
        match &data.content {
            Content::Raster { pixels, alpha } => {
                if data.width > max_side || data.height > max_side {
                    return Err(RenderError::Image {
                        source_name: data.name.clone(),
                        kind: ImageProblem::BadSize,
                        detail: format!(
                            "{}x{} pixels is more than this GPU's {max_side}-pixel texture side",
                            data.width, data.height
                        ),
                    });
                }
                // Premultiplied before upload: filtering straight colour would bleed the
                // colour of invisible pixels into the edges of transparent areas.
                let premultiplied;
                let pixels = match alpha {
                    AlphaMode::Premultiplied => pixels,
                    AlphaMode::Straight => {
                        premultiplied = premultiply(pixels);
                        &premultiplied
                    }
                };
                self.insert(device, queue, quads, key, (data.width, data.height), pixels);
            }
            Content::Svg(tree) => {
                let pixels = rasterize(tree, svg_size.0, svg_size.1, &data.name)?;
                self.insert(device, queue, quads, key, svg_size, &pixels);
            }
        }
        Ok(key)
    }

    /// Writes `frame` into the texture of `feed`, reallocating only when the size changed
    /// and uploading only when the frame is not the one already there.
    pub(crate) fn ensure_video(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        quads: &QuadPipeline,
        feed: u32,
        frame: &VideoFrame,
    ) -> TextureKey {
        let key = TextureKey::Video { feed };
        let size = (frame.width(), frame.height());
        let reusable = self.entries.get(&key).is_some_and(|e| {
            let s = e.texture.size();
            (s.width, s.height) == size
        });
        if !reusable {
            let texture = sampled_texture(device, size, "ggp-render video feed");
            let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
            let bind_group = quads.bind_texture(device, &view);
            self.video_allocations += 1;
            self.entries.insert(
                key,
                Entry {
                    texture,
                    bind_group,
                    last_used: self.frame,
                    frame: None,
                },
            );
        }
        let frame_no = self.frame;
        if let Some(entry) = self.entries.get_mut(&key) {
            entry.last_used = frame_no;
            let same = entry.frame.as_ref().is_some_and(|f| f.same_buffer(frame));
            if !same {
                upload(queue, &entry.texture, frame.upload_bytes(), frame.stride());
                entry.frame = Some(frame.clone());
                self.video_uploads += 1;
            }
        }
        key
    }
}

/// Straight RGBA8 to premultiplied, rounding to nearest.
fn premultiply(pixels: &[u8]) -> Vec<u8> {
    let mut out = pixels.to_vec();
    for px in out.chunks_exact_mut(4) {
        let a = u32::from(px[3]);
        for c in &mut px[..3] {
            *c = ((u32::from(*c) * a + 127) / 255) as u8;
        }
    }
    out
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
