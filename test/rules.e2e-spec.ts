import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';

const { createApp } = require('../src/main');
const { loadConfig } = require('../src/config/config');

describe('rules HTTP API (e2e)', () => {
  let app: INestApplication;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chipguard-rules-'));
    const config = loadConfig({ ...process.env, DATABASE_URL: 'sqlite:' + join(dir, 'test.sqlite'), CHIPGUARD_AUTO_UPDATE: '0', LOG_LEVEL: 'error' });
    app = await createApp(config);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const classify = (body: object) => request(app.getHttpServer()).post('/v1/items/classify').send(body);

  it('H100 to China: licence required, presumption of denial', async () => {
    const res = await classify({ items: [{ model: 'H100 SXM5 80GB', quantity: 8 }], destination: 'cn', date: '2025-06-01' }).expect(200);
    expect(res.body.rulesVersion).toBe('2025-05-13');
    const it0 = res.body.items[0];
    expect(it0).toMatchObject({
      index: 0,
      resolvedModel: 'NVIDIA H100 SXM5 80GB',
      eccn: '3A090.a',
      tpp: 15832,
      performanceDensity: 19.45,
      datacenter: true,
      licenseRequired: true,
      licenseExceptions: [],
    });
    expect(it0.basis).toMatch(/3A090\.a/);
    expect(it0.reasons[0]).toMatchObject({ code: 'LICENSE_REQUIRED', severity: 'deny', subject: 'items[0]' });
    expect(it0.reasons[0].citation).toMatch(/742\.6/);
  });

  it('RTX 4090 to China: licence or NAC; L4 to Germany: not controlled', async () => {
    const res = await classify({ items: [{ model: 'RTX 4090', quantity: 100 }], destination: 'CN', date: '2026-08-01' }).expect(200);
    expect(res.body.items[0]).toMatchObject({ eccn: '3A090.a', datacenter: false, licenseRequired: true, licenseExceptions: ['NAC'] });
    expect(res.body.rulesVersion).toBe('2026-07-10');
    const de = await classify({ items: [{ model: 'NVIDIA L4 24GB', quantity: 4 }], destination: 'DE', date: '2026-08-01' }).expect(200);
    expect(de.body.items[0]).toMatchObject({ eccn: '3A090.a', licenseRequired: false, licenseExceptions: [] });
    expect(de.body.items[0].reasons.map((r: { code: string }) => r.code)).toEqual(['NOT_CONTROLLED']);
  });

  it('an unknown model is UNKNOWN_ITEM (review), not a guess', async () => {
    const res = await classify({ items: [{ model: 'Zorblax 9000', quantity: 1 }], destination: 'CN' }).expect(200);
    expect(res.body.items[0].eccn).toBe('UNKNOWN');
    expect(res.body.items[0].reasons).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_ITEM', severity: 'review' }));
  });

  it('specs never make a catalog part less controlled: {"tpp": 1} on H100 to China stays 3A090.a with SPECS_CONFLICT (issue 12)', async () => {
    const res = await classify({ items: [{ model: 'H100 SXM5 80GB', quantity: 8, specs: { tpp: 1 } }], destination: 'CN', date: '2025-06-01' }).expect(200);
    const it0 = res.body.items[0];
    expect(it0).toMatchObject({ eccn: '3A090.a', tpp: 15832, licenseRequired: true, reviewPolicy: 'presumption_of_denial' });
    expect(it0.reasons).toContainEqual(expect.objectContaining({ code: 'SPECS_CONFLICT', severity: 'review', subject: 'items[0]' }));
    expect(it0.reasons).toContainEqual(expect.objectContaining({ code: 'LICENSE_REQUIRED', severity: 'deny' }));
  });

  it('a server named by its GPU and an unlisted Ascend part (issue 12)', async () => {
    const res = await classify({
      items: [
        { model: 'Supermicro SYS-821GE-TNHR (HGX H200 8-GPU)', quantity: 2 },
        { model: 'Ascend 910D', quantity: 1 },
      ],
      destination: 'DE',
      date: '2026-11-20',
    }).expect(200);
    expect(res.body.items[0]).toMatchObject({ catalogId: 'supermicro-sys-821ge-tnhr', acceleratorsPerUnit: 8, eccn: '4A090.a' });
    expect(res.body.items[0].resolvedModel).toMatch(/H200/);
    expect(res.body.items[1].reasons).toContainEqual(expect.objectContaining({ code: 'GP10_ADVANCED_COMPUTING_ICS', severity: 'deny' }));
  });

  it('order-level beneficialOwners are validated like the cloud request (400 naming the field)', async () => {
    const order = { buyer: { name: 'Kanto Server Assembly KK', country: 'JP' }, items: [{ model: 'H100', quantity: 1 }] };
    const bad = await request(app.getHttpServer())
      .post('/v1/transactions/screen')
      .send({ ...order, beneficialOwners: [{ name: 'A', ownershipPercent: 140 }] })
      .expect(400);
    expect(bad.body.message.join(' ')).toMatch(/beneficialOwners\[0\]\.ownershipPercent/);
    const sum = await request(app.getHttpServer())
      .post('/v1/transactions/screen')
      .send({
        ...order,
        beneficialOwners: [
          { name: 'A', ownershipPercent: 60 },
          { name: 'B', ownershipPercent: 60 },
        ],
      })
      .expect(400);
    expect(sum.body.message.join(' ')).toMatch(/adds up to 120/);
  });

  it.each([
    ['unknown country', { items: [{ model: 'H100', quantity: 1 }], destination: 'XX' }, /destination/],
    ['negative quantity', { items: [{ model: 'H100', quantity: -1 }], destination: 'CN' }, /items\[0\]\.quantity/],
    ['die area 0', { items: [{ model: 'X', quantity: 1, specs: { dieAreaMm2: 0 } }], destination: 'CN' }, /items\[0\]\.specs\.dieAreaMm2/],
    ['negative rate', { items: [{ model: 'X', quantity: 1, specs: { denseTops: { fp8: -5 } } }], destination: 'CN' }, /denseTops\.fp8/],
    ['absurd rate', { items: [{ model: 'X', quantity: 1, specs: { denseTops: { fp16: 1e12 } } }], destination: 'CN' }, /denseTops\.fp16/],
    ['sparse rate key', { items: [{ model: 'X', quantity: 1, specs: { denseTops: { fp8_sparse: 5 } } }], destination: 'CN' }, /fp8_sparse/],
    ['empty model', { items: [{ model: '', quantity: 1 }], destination: 'CN' }, /items\[0\]\.model/],
    ['bad kind', { items: [{ model: 'X', quantity: 1, kind: 'toaster' }], destination: 'CN' }, /items\[0\]\.kind/],
    ['no items', { items: [], destination: 'CN' }, /items/],
    ['bad date', { items: [{ model: 'H100', quantity: 1 }], destination: 'CN', date: '2026-02-30' }, /date/],
  ])('400 for %s', async (_name, body, field) => {
    const res = await classify(body).expect(400);
    expect(res.body.message.join(' ')).toMatch(field);
  });

  it('GET /v1/accelerators lists the catalog with classification and sources', async () => {
    const res = await request(app.getHttpServer()).get('/v1/accelerators').expect(200);
    expect(res.body.count).toBeGreaterThanOrEqual(35);
    const h100 = res.body.items.find((e: { id: string }) => e.id === 'nvidia-h100-sxm5-80gb');
    expect(h100).toMatchObject({ vendor: 'NVIDIA', tpp: 15832, performanceDensity: 19.45, eccn: '3A090.a', datacenter: true });
    expect(h100.sources.denseTops).toBeTruthy();
    const q = await request(app.getHttpServer()).get('/v1/accelerators?q=4090').expect(200);
    expect(q.body.items.map((e: { id: string }) => e.id).sort()).toEqual(['nvidia-rtx-4090', 'nvidia-rtx-4090d']);
  });

  it('GET /v1/accelerators/:id and 404', async () => {
    const res = await request(app.getHttpServer()).get('/v1/accelerators/nvidia-h20').expect(200);
    expect(res.body).toMatchObject({ id: 'nvidia-h20', eccn: 'EAR99/NOT_3A090', tpp: 2368 });
    await request(app.getHttpServer()).get('/v1/accelerators/nope').expect(404);
  });

  it('/docs shows the classify shapes', async () => {
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(res.body.components.schemas)).toEqual(expect.arrayContaining(['ClassifyRequestDto', 'ItemDto', 'ItemSpecsDto', 'ClassifyResponseDto']));
    expect(res.body.paths['/v1/items/classify']).toBeDefined();
  });
});
