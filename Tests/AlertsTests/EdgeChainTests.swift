import Alerts
import Consent
import ConsentStore
import Foundation
import Primitives
import Testing

/// The edges wired together as the live mode will: a followed feed file and the HTTP endpoint
/// fill the SQLite store; after a restart the store's timeline judges forwards; violations become
/// alerts, de-duplicated, in a JSON Lines file.
@Suite("Edges end to end", .serialized)
struct EdgeChainTests {
    static func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

    @Test("feed file + endpoint -> store -> restart -> verdicts -> de-duplicated alert file")
    func chain() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("edges-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let feed = dir + "/feed.jsonl", db = dir + "/consent.db", alerts = dir + "/alerts.jsonl"
        let received = Self.t("2026-11-29T08:00:00Z")

        do {
            let store = try ConsentStore(path: db)
            // Ann grants at 10:00 (file), revokes advertising at 12:00 (HTTP).
            try Data((#"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"ann@example.com"},"regime":"opt_in","purposes":{"analytics":true,"advertising":true},"source":"cmp"}"# + "\n").utf8)
                .write(to: URL(fileURLWithPath: feed))
            var source = ConsentFileSource(path: feed)
            let batch = source.poll()
            #expect(batch.problems.isEmpty)
            try store.ingest(batch.entries, channel: "file:feed.jsonl", receivedAt: received)

            let handler = ConsentIngestHandler(token: try #require(BearerToken("tok"))) { entries in
                try store.ingest(entries, channel: "http", receivedAt: received)
            }
            let server = ConsentHTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: handler)
            try server.start()
            defer { server.stop() }
            let body = #"{"ts":"2026-11-28T12:00:00Z","subject":{"email":"ann@example.com"},"regime":"opt_in","purposes":{"analytics":true,"advertising":false},"source":"app"}"#
            let status = try postStatus(port: server.boundPort, token: "tok", body: body)
            #expect(status == 200)
        }

        // Restart: the state comes back from SQLite.
        let store = try ConsentStore(path: db)
        let timeline = store.snapshot()
        #expect(timeline.records.count == 2)
        let key = Array("install-secret".utf8)
        let evaluator = ConsentEvaluator(redact: { IdentifierRedactor(key: key).redact($0) })
        // Meta gets the hashed e-mail (sha256 of the normalised address) three times after 12:00.
        let em = [SubjectIdentifier(.emailSHA256, "71d4f55f72fa128dfb468a1a3901507c804b74316488744d769d7f4b16696476")]
        let sink = try FileAlertSink(path: alerts)
        let dispatcher = AlertDispatcher(sinks: [sink], dedupWindowSeconds: 600, threaded: false)
        var verdicts: [ConsentVerdictKind] = []
        for time in ["2026-11-28T11:00:00Z", "2026-11-28T12:30:00Z", "2026-11-28T12:31:00Z", "2026-11-28T12:32:00Z"] {
            let v = evaluator.evaluate(ConsentForward(category: "advertising_conversion", time: Self.t(time), subjects: [em],
                                                      hasPersonalData: true), timeline: timeline)
            verdicts.append(v.verdict)
            guard v.verdict == .violation else { continue }
            dispatcher.post(Alert(verdict: v, vendor: "meta_capi", time: Self.t(time),
                                  request: RequestSummary(host: "graph.facebook.com", method: "POST",
                                                          target: "/v19.0/1234567890/events?access_token=EAAsecret"),
                                  identifiers: em, subjectKey: key))
        }
        dispatcher.close()
        #expect(verdicts == [.allowed, .violation, .violation, .violation])

        let lines = try String(contentsOfFile: alerts, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)   // the first violation, then a summary of the two repeats
        let first = try #require(ConsentJSON.parse(String(lines[0])).objectValue)
        #expect(first["type"]?.stringValue == "consent_alert")
        #expect(first["verdict"]?.stringValue == "violation")
        #expect(first["subjects"]?.arrayValue?.first?.stringValue
            == IdentifierRedactor(key: key).redact(SubjectIdentifier(.email, "ann@example.com")))
        #expect(first["request"]?["path"]?.stringValue == "/v19.0/1234567890/events?access_token=***")
        let summary = try #require(ConsentJSON.parse(String(lines[1])).objectValue)
        #expect(summary["type"]?.stringValue == "consent_alert_repeats")
        #expect(summary["suppressedRepeats"]?.intValue == 2)
        let all = lines.joined(separator: "\n")
        #expect(!all.contains("ann@example.com") && !all.contains("EAAsecret") && !all.contains("71d4f55f72fa"))
    }

    /// POSTs over a real socket and returns the status code.
    func postStatus(port: UInt16, token: String, body: String) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = port.bigEndian
        a.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let rc = withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(rc == 0)
        let req = "POST /v1/consent HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        _ = req.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += buf[0..<n]
        }
        let status = String(decoding: out, as: UTF8.self).split(separator: " ").dropFirst().first.flatMap { Int($0) }
        return try #require(status)
    }
}
