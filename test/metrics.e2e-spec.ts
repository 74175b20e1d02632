/** GET /metrics: Prometheus text with request durations by route, decisions by outcome and reason, list gauges. */
import request from 'supertest';
import { startTestApp, TestApp } from './helpers';

describe('metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LIST_MAX_AGE_DAYS: '36500' }); // the bundled sample: decisions are review
  });
  afterAll(async () => t.close());

  it('counts stored decisions by outcome and reason code, times requests by route pattern, reports the lists', async () => {
    const order = { buyer: { name: 'Metrics Test GmbH', country: 'DE' }, items: [{ model: 'L4', quantity: 1 }] };
    for (let i = 0; i < 3; i++) expect((await request(t.http).post('/v1/transactions/screen').send(order)).status).toBe(200);
    const id = (await request(t.http).post('/v1/transactions/screen').send(order)).body.id;
    expect((await request(t.http).get(`/v1/decisions/${id}`)).status).toBe(200);
    const res = await request(t.http).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toMatch(/^chipguard_decisions_total\{kind="transaction",decision="review"\} 4$/m);
    expect(text).toMatch(/^chipguard_decision_reasons_total\{code="LISTS_SAMPLE_ONLY"\} 4$/m);
    expect(text).toMatch(/^chipguard_http_request_duration_seconds_count\{method="POST",route="\/v1\/transactions\/screen",status="200"\} 4$/m);
    // the route pattern, not the id
    expect(text).toMatch(/route="\/v1\/decisions\/:id",status="200"\} 1$/m);
    expect(text).not.toContain(id);
    expect(text).toMatch(/^chipguard_list_entries\{code="[A-Z_]+"\} [1-9]\d*$/m);
    expect(text).toMatch(/^chipguard_list_age_days\{code="[A-Z_]+",sample="true"\} \d+$/m);
    expect(text).toMatch(/^chipguard_review_queue_open 4$/m);
    // the four orders screen one party query: one screening, then the cache
    expect(text).toMatch(/^chipguard_screening_duration_seconds_count 1$/m);
    expect(text).toMatch(/^chipguard_process_resident_memory_bytes \d+/m);
    expect(text).not.toMatch(/^chipguard_rescreen_reports\{/m); // no run yet
    expect((await request(t.http).post('/v1/decisions/rescreen').send({})).status).toBe(200);
    const after = (await request(t.http).get('/metrics')).text;
    expect(after).toMatch(/^chipguard_rescreen_reports\{trigger="manual"\} 1$/m);
    expect(after).toMatch(/^chipguard_rescreen_last_duration_seconds \d/m);
  });
});
