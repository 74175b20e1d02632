import { join } from 'path';
import { loadRuleBook } from './index';

const book = loadRuleBook(join(__dirname, '..', '..', 'data'));
const id = (text: string, pn?: string) => book.resolveModel(text, pn)?.entry.id;

describe('catalog resolution', () => {
  it.each([
    ['h100 sxm5 80gb', 'nvidia-h100-sxm5-80gb'],
    ['NVIDIA H100 80GB HBM3 SXM', 'nvidia-h100-sxm5-80gb'],
    ['H-100', 'nvidia-h100-sxm5-80gb'],
    ['8x H100 SXM5 80GB', 'nvidia-h100-sxm5-80gb'],
    ['H100 PCIe 80GB', 'nvidia-h100-pcie-80gb'],
    ['nvidia h20 96gb', 'nvidia-h20'],
    ['H200 141GB HBM3e', 'nvidia-h200-sxm-141gb'],
    ['GeForce RTX 4090', 'nvidia-rtx-4090'],
    ['RTX4090D', 'nvidia-rtx-4090d'],
    ['rtx 4090 d', 'nvidia-rtx-4090d'],
    ['RTX 5090D V2', 'nvidia-rtx-5090d-v2'],
    ['AMD Instinct MI300X', 'amd-mi300x'],
    ['MI308X', 'amd-mi308x'],
    ['Gaudi3', 'intel-gaudi3'],
    ['Huawei Ascend 910B', 'huawei-ascend-910b'],
    ['Ascend 910C', 'huawei-ascend-910c'],
    ['HGX B200', 'nvidia-hgx-b200-8gpu'],
    ['B200', 'nvidia-b200'],
    ['GB200', 'nvidia-gb200-gpu'],
    ['GB200 NVL72', 'nvidia-gb200-nvl72'],
    ['Dell PowerEdge XE9680', 'dell-poweredge-xe9680-h100'],
    ['PowerEdge XE9680 H200', 'dell-poweredge-xe9680-h200'],
    ['SYS-821GE-TNHR', 'supermicro-sys-821ge-tnhr'],
    ['HPE Cray XD670', 'hpe-cray-xd670'],
    ['L4', 'nvidia-l4'],
    ['L20', 'nvidia-l20'],
  ])('"%s" -> %s', (text, expected) => {
    expect(id(text)).toBe(expected);
  });

  it('never confuses look-alike models', () => {
    expect(id('RTX 4090')).toBe('nvidia-rtx-4090');
    expect(id('RTX 4090D')).toBe('nvidia-rtx-4090d');
    expect(id('H20')).toBe('nvidia-h20');
    expect(id('H200')).toBe('nvidia-h200-sxm-141gb');
    expect(id('MI300X')).toBe('amd-mi300x');
    expect(id('MI308X')).toBe('amd-mi308x');
    expect(id('L2')).toBe('nvidia-l2');
    expect(id('RTX 5090')).toBe('nvidia-rtx-5090');
    expect(id('RTX 5090D')).toBe('nvidia-rtx-5090d');
  });

  it('reports an unknown model or unknown variant as unknown', () => {
    expect(book.resolveModel('Zorblax 9000')).toBeUndefined();
    expect(book.resolveModel('A100X')).toBeUndefined(); // a glued suffix makes it another part
    expect(book.resolveModel('MI300')).toBeUndefined(); // MI300A or MI300X?
    expect(book.resolveModel('L40')).toBeUndefined(); // not L40S
    expect(book.resolveModel('')).toBeUndefined();
  });

  it('a bare family name resolves with lower confidence and a note', () => {
    const r = book.resolveModel('H100')!;
    expect(r).toMatchObject({ matchedOn: 'defaultAlias', confidence: 0.75 });
    expect(r.note).toMatch(/SXM5/);
    expect(book.resolveModel('H100 SXM5')!.confidence).toBe(1);
  });

  it('part numbers resolve, in the part-number field or the model field', () => {
    expect(id('something', '900-21010-0000-000')).toBe('nvidia-h100-pcie-80gb');
    expect(id('900-2G193-0000-000')).toBe('nvidia-l4');
  });

  it('search filters case-insensitively', () => {
    expect(book.listAccelerators('mi3').map((e) => e.id)).toEqual(expect.arrayContaining(['amd-mi300x', 'amd-mi325x', 'amd-mi355x']));
    expect(book.listAccelerators('huawei').every((e) => e.vendor === 'Huawei')).toBe(true);
    expect(book.listAccelerators().length).toBe(book.catalog.entries.length);
  });
});
