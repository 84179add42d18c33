import { spreadOf, type GpuRoofline } from '../core/roofline';

const WORKGROUP = 256;
const GROUPS = 1024;
const RUNS = 7;
/** Above the last-level cache of any GPU or CPU we know of, within WebGPU's default binding limit. */
const STREAM_BYTES = 128 * 1024 * 1024;
/** A timed sample should last at least this long, so timer and submit costs stay small beside it. */
const MIN_SAMPLE_MS = 40;

// Each invocation strides through the buffer, summing vec4s: every byte is read once a pass.
const STREAM = /* wgsl */ `
@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> sink: array<f32>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let stride = groups.x * ${WORKGROUP}u;
  var acc = vec4<f32>(0.0);
  for (var i = gid.x; i < arrayLength(&src); i += stride) { acc += src[i]; }
  sink[gid.x] = acc.x + acc.y + acc.z + acc.w;
}`;

// Two independent multiply-add chains on vec4s: 16 FLOPs an iteration, nothing read.
const FMA_ITERATIONS = 512;
const FMA = /* wgsl */ `
@group(0) @binding(1) var<storage, read_write> sink: array<f32>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  var a = vec4<f32>(f32(gid.x) * 1e-7, 0.1, 0.2, 0.3);
  var c = vec4<f32>(0.4, 0.5, 0.6, 0.7);
  let b = vec4<f32>(0.9999, 0.9998, 0.9997, 0.9996);
  for (var i = 0u; i < ${FMA_ITERATIONS}u; i++) {
    a = fma(a, b, c);
    c = fma(c, b, a);
  }
  sink[gid.x] = a.x + a.y + a.z + a.w + c.x;
}`;
const FLOPS_PER_INVOCATION = FMA_ITERATIONS * 16;

export type ProbeStep = 'bandwidth' | 'compute';

/**
 * Measures this adapter's sustained read bandwidth and arithmetic throughput: the two roofs
 * a decoded token's time sits under. About a second or two; a software adapter takes longer.
 */
export async function measureGpuRoofline(
  onStep: (step: ProbeStep, done: number, total: number) => void = () => undefined,
): Promise<GpuRoofline> {
  const gpu = navigator.gpu;
  const adapter = gpu ? await gpu.requestAdapter() : null;
  if (!adapter) throw new Error('WebGPU offers no adapter here: nothing to measure on the GPU.');
  const device = await adapter.requestDevice();
  try {
    const bytes = Math.min(
      STREAM_BYTES,
      device.limits.maxStorageBufferBindingSize,
      device.limits.maxBufferSize,
    );
    const streamBytes = bytes - (bytes % 16);
    const src = device.createBuffer({ size: streamBytes, usage: GPUBufferUsage.STORAGE });
    const sink = device.createBuffer({ size: GROUPS * WORKGROUP * 4, usage: GPUBufferUsage.STORAGE });
    const stream = kernel(device, STREAM, [src, sink]);
    const fma = kernel(device, FMA, [null, sink]);

    const bandwidth = await timeSamples(device, stream, (done) => onStep('bandwidth', done, RUNS));
    const compute = await timeSamples(device, fma, (done) => onStep('compute', done, RUNS));
    src.destroy();
    sink.destroy();
    const info = adapter.info;
    return {
      bandwidthGBs: spreadOf(bandwidth.map((s) => (streamBytes * s.passes) / (s.ms / 1000) / 1e9)),
      computeGFlops: spreadOf(
        compute.map((s) => (GROUPS * WORKGROUP * FLOPS_PER_INVOCATION * s.passes) / (s.ms / 1000) / 1e9),
      ),
      bufferBytes: streamBytes,
      adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown GPU',
      measuredAt: new Date().toISOString(),
    };
  } finally {
    device.destroy();
  }
}

interface Kernel {
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
}

function kernel(device: GPUDevice, code: string, buffers: (GPUBuffer | null)[]): Kernel {
  const pipeline = device.createComputePipeline({
    layout: 'auto',
    compute: { module: device.createShaderModule({ code }), entryPoint: 'main' },
  });
  const entries = buffers.flatMap((buffer, binding) => (buffer ? [{ binding, resource: { buffer } }] : []));
  return { pipeline, bindGroup: device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries }) };
}

async function run(device: GPUDevice, k: Kernel, passes: number): Promise<number> {
  const encoder = device.createCommandEncoder();
  for (let i = 0; i < passes; i++) {
    const pass = encoder.beginComputePass();
    pass.setPipeline(k.pipeline);
    pass.setBindGroup(0, k.bindGroup);
    pass.dispatchWorkgroups(GROUPS);
    pass.end();
  }
  const start = performance.now();
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
  return performance.now() - start;
}

/** A warm-up, then passes enough for MIN_SAMPLE_MS per sample, RUNS samples. */
async function timeSamples(
  device: GPUDevice,
  k: Kernel,
  onDone: (done: number) => void,
): Promise<{ ms: number; passes: number }[]> {
  const once = await run(device, k, 1);
  const passes = Math.max(1, Math.min(64, Math.ceil(MIN_SAMPLE_MS / Math.max(once, 0.1))));
  const samples: { ms: number; passes: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    samples.push({ ms: await run(device, k, passes), passes });
    onDone(i + 1);
  }
  return samples;
}
