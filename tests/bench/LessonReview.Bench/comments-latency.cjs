// Post-to-receive latency of live comments with the real @microsoft/signalr client.
// Input (stdin, JSON): { baseUrl, hubBaseUrls?: [viewer i connects to hubBaseUrls[i % n]], hubPath, joinMethod, postPath, cookies: [..per viewer slot..],
//   posterCookie, reviews: [ids], viewersPerReview, comments, ratePerSecond }
// Output (stdout, JSON): { samples, p50, p99, max, missing }
const signalR = require("@microsoft/signalr");
const { randomUUID } = require("node:crypto");

const read = async () => { let s = ""; for await (const chunk of process.stdin) s += chunk; return JSON.parse(s); };
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

(async () => {
  const cfg = await read();
  const sent = new Map();
  const latencies = [];
  const connections = [];
  for (const reviewId of cfg.reviews) {
    for (let v = 0; v < cfg.viewersPerReview; v++) {
      const cookie = cfg.cookies[v % cfg.cookies.length];
      const hubBase = cfg.hubBaseUrls ? cfg.hubBaseUrls[v % cfg.hubBaseUrls.length] : cfg.baseUrl;
      const connection = new signalR.HubConnectionBuilder()
        .withUrl(`${hubBase}${cfg.hubPath}`, { headers: cookie ? { Cookie: cookie } : {}, transport: signalR.HttpTransportType.WebSockets })
        .configureLogging(signalR.LogLevel.None).build();
      connection.on("CommentAdded", (c) => {
        const t0 = sent.get(c.id);
        if (t0 !== undefined) latencies.push(performance.now() - t0);
      });
      connections.push(connection.start().then(() => connection.invoke(cfg.joinMethod, reviewId)).then(() => connection));
    }
  }
  const live = await Promise.all(connections);
  await new Promise((r) => setTimeout(r, 1000)); // let join-time presence traffic settle

  const posts = [];
  for (let i = 0; i < cfg.comments; i++) {
    const reviewId = cfg.reviews[i % cfg.reviews.length];
    const id = randomUUID();
    sent.set(id, performance.now());
    posts.push(fetch(`${cfg.baseUrl}${cfg.postPath.replace("{id}", reviewId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(cfg.posterCookie ? { Cookie: cfg.posterCookie } : {}) },
      body: JSON.stringify({ id, reviewId, atSeconds: 1, kind: "note", text: `bench comment ${i}` }),
    }).then((r) => { if (!r.ok) throw new Error(`POST answered ${r.status}`); }));
    await new Promise((r) => setTimeout(r, 1000 / cfg.ratePerSecond));
  }
  await Promise.all(posts);
  await new Promise((r) => setTimeout(r, 2000));
  await Promise.all(live.map((c) => c.stop()));

  latencies.sort((a, b) => a - b);
  const expected = cfg.comments * cfg.viewersPerReview;
  process.stdout.write(JSON.stringify({
    samples: latencies.length, missing: expected - latencies.length,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1),
  }) + "\n");
  process.exit(0);
})().catch((e) => { process.stderr.write(String(e.stack ?? e) + "\n"); process.exit(1); });
