// Textured quads: offscreen groups, card faces, images and video frames. The texture holds
// premultiplied colour; the quad may be rotated or sheared (an affine image of a rectangle),
// faded by an opacity and masked by a rounded clip rectangle given in the quad's own units.

struct Viewport {
    size: vec2<f32>,
    _pad: vec2<f32>,
};

@group(0) @binding(0) var<uniform> viewport: Viewport;
@group(1) @binding(0) var tex: texture_2d<f32>;
@group(1) @binding(1) var tex_sampler: sampler;

struct Instance {
    @location(0) origin_axis_x: vec4<f32>, // target pixels of the local top-left, local x axis
    @location(1) axis_y_params: vec4<f32>, // local y axis, opacity, target pixels per local unit
    @location(2) uv: vec4<f32>,            // u0, v0, u1, v1
    @location(3) local: vec4<f32>,         // the quad in local units: x, y, width, height
    @location(4) clip: vec4<f32>,          // clip box in local units: x, y, width, height
    @location(5) clip_params: vec4<f32>,   // corner radius, 1 when clipping, 1 for straight alpha, unused
};

struct VertexOut {
    @builtin(position) position: vec4<f32>,
    @location(0) uv: vec2<f32>,
    @location(1) local: vec2<f32>,
    @location(2) clip: vec4<f32>,
    @location(3) params: vec4<f32>, // opacity, pixels per unit, radius, clipping
    @location(4) straight: f32,
};

@vertex
fn vs_main(@builtin(vertex_index) vertex: u32, inst: Instance) -> VertexOut {
    let corners = array<vec2<f32>, 6>(
        vec2<f32>(0.0, 0.0), vec2<f32>(1.0, 0.0), vec2<f32>(0.0, 1.0),
        vec2<f32>(0.0, 1.0), vec2<f32>(1.0, 0.0), vec2<f32>(1.0, 1.0),
    );
    let k = corners[vertex];
    let pixel = inst.origin_axis_x.xy + inst.origin_axis_x.zw * k.x + inst.axis_y_params.xy * k.y;
    let ndc = vec2<f32>(pixel.x / viewport.size.x * 2.0 - 1.0, 1.0 - pixel.y / viewport.size.y * 2.0);
    var out: VertexOut;
    out.position = vec4<f32>(ndc, 0.0, 1.0);
    out.uv = mix(inst.uv.xy, inst.uv.zw, k);
    out.local = inst.local.xy + inst.local.zw * k;
    out.clip = inst.clip;
    out.params = vec4<f32>(inst.axis_y_params.zw, inst.clip_params.xy);
    out.straight = inst.clip_params.z;
    return out;
}

fn rounded_box(p: vec2<f32>, half_size: vec2<f32>, radius: f32) -> f32 {
    let q = abs(p) - half_size + vec2<f32>(radius);
    return length(max(q, vec2<f32>(0.0))) + min(max(q.x, q.y), 0.0) - radius;
}

@fragment
fn fs_main(in: VertexOut) -> @location(0) vec4<f32> {
    var texel = textureSample(tex, tex_sampler, in.uv);
    if (in.straight > 0.5) {
        texel = vec4<f32>(texel.rgb * texel.a, texel.a);
    }
    let color = texel * clamp(in.params.x, 0.0, 1.0);
    if (in.params.w < 0.5) {
        return color;
    }
    let half_size = in.clip.zw * 0.5;
    let radius = clamp(in.params.z, 0.0, min(half_size.x, half_size.y));
    let dist = rounded_box(in.local - (in.clip.xy + half_size), half_size, radius);
    // One target pixel of anti-aliasing, whatever the group's scale.
    let cover = clamp(0.5 - dist * in.params.y, 0.0, 1.0);
    return color * cover;
}
