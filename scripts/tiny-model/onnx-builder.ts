import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
export type OnnxModelProto = InstanceType<typeof onnx.ModelProto>;

export type Attr = { int: number } | { ints: number[] } | { float: number };
type DimSpec = number | string;

export const DT = { FLOAT: 1, INT64: 7, BOOL: 9 } as const;

function tensorType(elemType: number, dims: DimSpec[]) {
  return {
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  };
}

function attribute(name: string, value: Attr) {
  const A = onnx.AttributeProto.AttributeType;
  if ('int' in value) return { name, type: A.INT, i: value.int };
  if ('ints' in value) return { name, type: A.INTS, ints: value.ints };
  return { name, type: A.FLOAT, f: value.float };
}

/**
 * A minimal ONNX graph writer: each `op` call appends one node and returns the name of
 * its (single) output, so a forward pass reads like the PyTorch code it mirrors.
 */
export class GraphBuilder {
  readonly #nodes: object[] = [];
  readonly #initializers: object[] = [];
  readonly #inputs: object[] = [];
  readonly #outputs: object[] = [];
  #counter = 0;

  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, output?: string): string {
    const out = output ?? `${opType.toLowerCase()}_${this.#counter++}`;
    this.#nodes.push({
      name: `${opType}_${this.#nodes.length}`,
      opType,
      input: inputs,
      output: [out],
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return out;
  }

  floatTensor(name: string, dims: number[], values: Float32Array): string {
    const bytes = new Uint8Array(values.length * 4);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setFloat32(i * 4, v, true));
    this.#initializers.push({ name, dims, dataType: DT.FLOAT, rawData: bytes });
    return name;
  }

  int64Tensor(name: string, dims: number[], values: number[]): string {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    this.#initializers.push({ name, dims, dataType: DT.INT64, rawData: bytes });
    return name;
  }

  input(name: string, elemType: number, dims: DimSpec[]): string {
    this.#inputs.push({ name, type: tensorType(elemType, dims) });
    return name;
  }

  output(name: string, elemType: number, dims: DimSpec[]): void {
    this.#outputs.push({ name, type: tensorType(elemType, dims) });
  }

  encode(graphName: string, opset: number, producer: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: producer,
      opsetImport: [{ domain: '', version: opset }],
      graph: {
        name: graphName,
        node: this.#nodes,
        initializer: this.#initializers,
        input: this.#inputs,
        output: this.#outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
