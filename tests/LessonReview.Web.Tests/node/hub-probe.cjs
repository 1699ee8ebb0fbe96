// A real @microsoft/signalr client for tests and benchmarks (the .NET client is not in this
// registry). Prints one JSON line per outcome and per received event, then exits.
// Usage: node hub-probe.cjs <baseUrl> <cookie> <join-json> <wait-ms>
//   join-json: [["JoinReview", "<id>"], ["JoinLesson", "<id>"]]
const signalR = require("@microsoft/signalr");

const [baseUrl, cookie, joinJson, waitMs] = process.argv.slice(2);
const print = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const events = ["CommentAdded", "CommentUpdated", "CommentDeleted", "StageChanged", "ActionItemChanged", "MentorsChanged", "PresenceChanged", "AccessRevoked", "LessonProgress"];

(async () => {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/review`, { headers: { Cookie: cookie }, transport: signalR.HttpTransportType.WebSockets })
    .configureLogging(signalR.LogLevel.None)
    .build();
  for (const name of events) connection.on(name, (data) => print({ event: name, data }));
  try {
    await connection.start();
  } catch (e) {
    print({ event: "start-failed", message: String(e.message ?? e) });
    process.exit(0);
  }
  for (const [method, id] of JSON.parse(joinJson)) {
    try {
      await connection.invoke(method, id);
      print({ event: "joined", method, id });
    } catch (e) {
      print({ event: "refused", method, id, message: String(e.message ?? e) });
    }
  }
  print({ event: "ready" });
  setTimeout(async () => { await connection.stop(); process.exit(0); }, Number(waitMs));
})();
