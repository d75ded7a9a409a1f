// Drives `aigw emulator` with the official Cloudflare TypeScript SDK (npm `cloudflare`).
// Run by CTest (sdk_tests) with AIGW_EMULATOR_URL set to a freshly started emulator.
import assert from 'node:assert/strict';
import Cloudflare from 'cloudflare';

const baseURL = process.env.AIGW_EMULATOR_URL;
assert.ok(baseURL, 'AIGW_EMULATOR_URL must be set');
const account_id = 'sdk-account';
const client = new Cloudflare({ baseURL, apiToken: 'sdk-test-token', maxRetries: 1, timeout: 20000 });
const ai = client.aiGateway;

const gatewayBody = {
  cache_invalidate_on_update: false,
  cache_ttl: 0,
  collect_logs: true,
  rate_limiting_interval: 0,
  rate_limiting_limit: 0,
};

async function collect(page) {
  const items = [];
  for await (const item of page) {
    items.push(item);
  }
  return items;
}

// Gateways: create more than two pages' worth, list with auto-pagination, update, delete.
const gatewayIds = [];
for (let i = 0; i < 23; i++) {
  const id = `sdk-gw-${String(i).padStart(2, '0')}`;
  const created = await ai.create({ account_id, id, ...gatewayBody });
  assert.equal(created.id, id);
  assert.ok(created.created_at);
  gatewayIds.push(id);
}
const listed = await collect(ai.list({ account_id, per_page: 10 }));
assert.deepEqual(listed.map((g) => g.id), gatewayIds);
const updated = await ai.update('sdk-gw-00', { account_id, ...gatewayBody, cache_ttl: 300, retry_max_attempts: 3 });
assert.equal(updated.cache_ttl, 300);
assert.equal((await ai.get('sdk-gw-00', { account_id })).retry_max_attempts, 3);
await assert.rejects(ai.get('no-such-gateway', { account_id }), (e) => e.status === 404);
await assert.rejects(ai.create({ account_id, id: 'sdk-gw-00', ...gatewayBody }), (e) => e.status === 409);
for (const id of gatewayIds.slice(1)) {
  await ai.delete(id, { account_id });
}
assert.equal((await collect(ai.list({ account_id }))).length, 1);

const gateway_id = 'sdk-gw-00';

// Datasets: create, auto-paginated list, update, delete.
const datasetIds = [];
for (let i = 0; i < 7; i++) {
  const dataset = await ai.datasets.create(gateway_id, {
    account_id,
    name: `dataset-${i}`,
    enable: true,
    filters: [{ key: 'success', operator: 'eq', value: [false] }],
  });
  datasetIds.push(dataset.id);
}
const datasets = await collect(ai.datasets.list(gateway_id, { account_id, per_page: 3 }));
assert.deepEqual(datasets.map((d) => d.id), datasetIds);
const renamed = await ai.datasets.update(datasetIds[0], {
  account_id, gateway_id, name: 'renamed', enable: false, filters: [],
});
assert.equal(renamed.name, 'renamed');
assert.equal((await ai.datasets.get(datasetIds[0], { account_id, gateway_id })).enable, false);
for (const id of datasetIds) {
  await ai.datasets.delete(id, { account_id, gateway_id });
}
assert.equal((await collect(ai.datasets.list(gateway_id, { account_id }))).length, 0);

// Routes: create (deploys its first version), add a version, deploy it, rename, delete.
const elements = (model) => [
  { id: 'start', type: 'start', outputs: { next: { elementId: 'model' } } },
  {
    id: 'model', type: 'model',
    properties: { provider: 'openai', model, retries: 1, timeout: 30000 },
    outputs: { success: { elementId: 'end' }, fallback: { elementId: 'end' } },
  },
  { id: 'end', type: 'end', outputs: {} },
];
const route = await ai.dynamicRouting.create(gateway_id, { account_id, name: 'chat', elements: elements('gpt-4o-mini') });
assert.ok(route.id);
const firstVersion = route.version.version_id;
await ai.dynamicRouting.createVersion(route.id, { account_id, gateway_id, elements: elements('gpt-4o') });
const versions = (await ai.dynamicRouting.listVersions(route.id, { account_id, gateway_id })).data.versions;
assert.equal(versions.length, 2);
const newVersion = versions.find((v) => v.version_id !== firstVersion);
assert.equal(newVersion.active, 'false');
assert.deepEqual(JSON.parse(newVersion.data), elements('gpt-4o'));
await ai.dynamicRouting.createDeployment(route.id, { account_id, gateway_id, version_id: newVersion.version_id });
const deployed = await ai.dynamicRouting.get(route.id, { account_id, gateway_id });
assert.equal(deployed.version.version_id, newVersion.version_id);
assert.equal(deployed.elements[1].properties.model, 'gpt-4o');
const deployments = (await ai.dynamicRouting.listDeployments(route.id, { account_id, gateway_id })).data.deployments;
assert.equal(deployments.length, 2);
const patched = await ai.dynamicRouting.update(route.id, { account_id, gateway_id, name: 'chat-v2' });
assert.equal(patched.route.name, 'chat-v2');
const routes = (await ai.dynamicRouting.list(gateway_id, { account_id })).data.routes;
assert.deepEqual(routes.map((r) => r.name), ['chat-v2']);
const version = await ai.dynamicRouting.getVersion(newVersion.version_id, { account_id, gateway_id, id: route.id });
assert.equal(version.active, 'true');
await ai.dynamicRouting.delete(route.id, { account_id, gateway_id });
assert.equal((await ai.dynamicRouting.list(gateway_id, { account_id })).data.routes.length, 0);

// Provider configs: create, list; the secret never comes back.
const secret = 'sk-sdk-test-secret-0123456789';
for (const alias of ['main', 'backup']) {
  const config = await ai.providerConfigs.create(gateway_id, {
    account_id, alias, provider_slug: 'openai', default_config: alias === 'main', secret, secret_id: '',
  });
  assert.ok(config.id);
  assert.ok(!JSON.stringify(config).includes(secret));
}
const configs = await collect(ai.providerConfigs.list(gateway_id, { account_id, per_page: 1 }));
assert.deepEqual(configs.map((c) => c.alias).sort(), ['backup', 'main']);
assert.ok(configs.every((c) => c.secret_preview && !c.secret_preview.includes(secret)));

// Logs: requests through the gateway endpoint (the emulator's stand-in for
// gateway.ai.cloudflare.com/v1/...) are logged; list, filter, get, edit, payloads, delete.
const origin = new URL(baseURL).origin;
const logIds = [];
for (const content of ['one', 'two', 'three']) {
  const response = await fetch(`${origin}/v1/${account_id}/${gateway_id}/openai/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk-provider-key' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
  });
  assert.equal(response.status, 200);
  assert.equal((await response.json()).object, 'chat.completion');
  logIds.push(response.headers.get('cf-aig-log-id'));
}
const logs = await collect(ai.logs.list(gateway_id, { account_id, per_page: 2, direction: 'asc' }));
assert.deepEqual(logs.map((l) => l.id), logIds);
assert.ok(logs.every((l) => l.success === true && l.provider === 'openai' && l.model === 'gpt-4o-mini'));
const onePage = await ai.logs.list(gateway_id, { account_id, per_page: 1, success: true });
assert.equal(onePage.result_info.total_count, 3);
const filtered = await ai.logs.list(gateway_id, {
  account_id, filters: [{ key: 'success', operator: 'eq', value: [false] }],
});
assert.equal(filtered.result.length, 0);
const log = await ai.logs.get(logIds[0], { account_id, gateway_id });
assert.equal(log.path, 'chat/completions');
assert.ok(log.request_size > 0);
await ai.logs.edit(logIds[0], { account_id, gateway_id, feedback: 1, score: 80, metadata: { team: 'sdk' } });
assert.equal((await ai.logs.request(logIds[0], { account_id, gateway_id })).messages[0].content, 'one');
assert.equal((await ai.logs.response(logIds[0], { account_id, gateway_id })).object, 'chat.completion');
await assert.rejects(ai.logs.get('no-such-log', { account_id, gateway_id }), (e) => e.status === 404);
assert.equal((await ai.logs.delete(gateway_id, { account_id })).success, true);
assert.equal((await collect(ai.logs.list(gateway_id, { account_id }))).length, 0);

// Spending limit: absent (an object with null fields, as typed), set, read back, delete,
// absent again.
const nothingSet = { amount: null, duration: null, strategy: null };
const before = await ai.billing.spendingLimit.get({ account_id });
assert.equal(before.enabled, false);
assert.deepEqual(before.config, nothingSet);
await ai.billing.spendingLimit.create({ account_id, amount: 10000, duration: 'monthly', strategy: 'fixed' });
const after = await ai.billing.spendingLimit.get({ account_id });
assert.equal(after.enabled, true);
assert.deepEqual(after.config, { amount: 10000, duration: 'monthly', strategy: 'fixed' });
await ai.billing.spendingLimit.delete({ account_id });
const deleted = await ai.billing.spendingLimit.get({ account_id });
assert.equal(deleted.enabled, false);
assert.equal(deleted.config.amount, null);

// Auto top-up: the same, plus the credit balance's copy of it.
const noTopup = { amount: null, disabledReason: null, error: null, lastFailedAt: null, threshold: null };
assert.deepEqual(await ai.billing.topup.config.get({ account_id }), noTopup);
assert.deepEqual(await ai.billing.topup.config.create({ account_id, amount: 5000, threshold: 500 }),
  { amount: 5000, threshold: 500 });
assert.deepEqual(await ai.billing.topup.config.get({ account_id }), { ...noTopup, amount: 5000, threshold: 500 });
assert.equal((await ai.billing.creditBalance({ account_id })).topup_config.threshold, 500);
await ai.billing.topup.config.delete({ account_id });
assert.deepEqual(await ai.billing.topup.config.get({ account_id }), noTopup);
assert.equal((await ai.billing.creditBalance({ account_id })).topup_config.amount, null);

// Custom providers (account level): create, paged list ordered by position then name,
// get, a duplicate slug refused, delete; no update endpoint.
const cp = ai.customProviders;
const providerIds = [];
for (const [slug, position] of [['zeta', 2], ['alpha', 1], ['beta', 1]]) {
  const created = await cp.create({ account_id, slug, name: `Provider ${slug}`,
    base_url: `https://${slug}.example/v1`, position, headers: '{"x-api-key":"k"}' });
  assert.equal(created.slug, slug);
  assert.ok(created.id && created.created_at && created.modified_at);
  providerIds.push(created.id);
}
const providers = await collect(cp.list({ account_id, per_page: 2 }));
assert.deepEqual(providers.map((p) => p.slug), ['alpha', 'beta', 'zeta']);
assert.equal((await cp.get(providerIds[0], { account_id })).base_url, 'https://zeta.example/v1');
await assert.rejects(cp.create({ account_id, slug: 'zeta', name: 'again', base_url: 'https://z.example' }),
  (e) => e.status === 409);
await assert.rejects(cp.create({ account_id, slug: 'no-url', name: 'n' }), (e) => e.status === 400);
for (const id of providerIds) {
  assert.equal((await cp.delete(id, { account_id })).id, id);
}
await assert.rejects(cp.get(providerIds[0], { account_id }), (e) => e.status === 404);
assert.equal((await collect(cp.list({ account_id }))).length, 0);

await ai.delete(gateway_id, { account_id });
console.log('sdk test passed');
