// The side-by-side peer of `aigw plan`: the same live read (every gateway, then each one's
// datasets, provider configs and routes) done with the official Cloudflare TypeScript SDK,
// CONCURRENCY reads in flight. Prints "requests N" (every HTTP request the SDK sent).
// Usage: SDK_DIR=tests/sdk node bench/sdk_read.mjs API_URL ACCOUNT_ID [CONCURRENCY]
// (SDK_DIR: where `npm ci` installed the SDK's pinned version.)
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.resolve(process.env.SDK_DIR ?? 'tests/sdk', 'package.json'));
const Cloudflare = require('cloudflare').default;

const [baseURL, account_id, concurrencyArg] = process.argv.slice(2);
const concurrency = Number(concurrencyArg ?? 32);
let requests = 0;
const countingFetch = (...args) => {
  requests += 1;
  return fetch(...args);
};
const client = new Cloudflare({
  baseURL, apiToken: 'bench-token', maxRetries: 2, timeout: 60000, fetch: countingFetch,
});
const ai = client.aiGateway;

async function collect(page) {
  const items = [];
  for await (const item of page) {
    items.push(item);
  }
  return items;
}

const gateways = await collect(ai.list({ account_id, per_page: 100 }));
const jobs = [];
for (const g of gateways) {
  jobs.push(() => collect(ai.datasets.list(g.id, { account_id, per_page: 100 })));
  jobs.push(() => collect(ai.providerConfigs.list(g.id, { account_id, per_page: 100 })));
  jobs.push(() => ai.dynamicRouting.list(g.id, { account_id }));
}
let next = 0;
async function worker() {
  while (next < jobs.length) {
    const job = jobs[next++];
    await job();
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
console.log(`gateways ${gateways.length}`);
console.log(`requests ${requests}`);
