import Alerts
import Consent
import Foundation
import Primitives
import Testing

@Suite("Alert sinks and --alert specs", .serialized)
struct AlertSinkTests {
    static let alert = Alert(time: Timestamp(rfc3339: "2026-11-28T13:00:00Z")!, vendor: "meta_capi", verdict: "violation",
                             rule: "violation/advertising_conversion", reasons: ["advertising denied"],
                             subjects: [SubjectKey(redacted: "email:00112233445566778899aabbccddeeff")!],
                             request: RequestSummary(host: "graph.facebook.com", method: "POST", target: "/v19.0/1/events"))

    @Test("--alert specs parse, with clear errors")
    func specs() throws {
        #expect(try AlertSinkSpec.parse("stdout") == .stdout)
        #expect(try AlertSinkSpec.parse("file:/tmp/a b.jsonl") == .file(path: "/tmp/a b.jsonl"))
        #expect(try AlertSinkSpec.parse("syslog") == .syslog(ident: "consenttap"))
        #expect(try AlertSinkSpec.parse("syslog:ctap") == .syslog(ident: "ctap"))
        let w = try AlertSinkSpec.parse("webhook:http://127.0.0.1:8080/hooks/ct?x=1")
        guard case .webhook(let url) = w else { Issue.record("not a webhook: \(w)"); return }
        #expect(url.host == "127.0.0.1" && url.port == 8080 && url.target == "/hooks/ct?x=1")
        #expect(try WebhookURL(parsing: "http://[::1]:9000").target == "/")
        #expect(try WebhookURL(parsing: "http://[::1]:9000").hostHeader == "[::1]:9000")
        #expect(try WebhookURL(parsing: "http://hooks.example").port == 80)

        func message(_ s: String) -> String {
            do { _ = try AlertSinkSpec.parse(s); return "parsed" } catch { return error.message }
        }
        #expect(message("email:me") == "unknown alert sink 'email'; \(AlertSinkSpec.usage)")
        #expect(message("file:") == "--alert file:PATH needs a path")
        #expect(message("stdout:x") == "--alert stdout takes no argument")
        #expect(message("webhook:") == "--alert webhook:URL needs a URL")
        #expect(message("webhook:https://x.example/") .contains("https is not supported"))
        #expect(message("webhook:ftp://x") .contains("must start with http://"))
        #expect(message("webhook:http://:80/") .contains("no valid host"))
        #expect(message("webhook:http://h:99999/") .contains("invalid port"))
        #expect(message("webhook:http://u:p@h/") .contains("user info"))
        #expect(message("") .hasPrefix("empty --alert value"))
        #expect(try AlertSinkSpec.parseAll(["stdout", "syslog", "file:/x"]).count == 3)
        #expect(throws: AlertsError.self) { try AlertSinkSpec.parseAll(["stdout", "stdout"]) }
    }

    @Test("stdout sink writes one JSON line per alert")
    func stdoutSink() throws {
        let lines = Recorder<String>()
        let sink = StandardOutputSink(write: { lines.add($0) })
        try sink.send(Self.alert)
        try sink.send(Self.alert)
        #expect(lines.all == [Self.alert.json + "\n", Self.alert.json + "\n"])
        #expect(sink.name == "stdout")
    }

    @Test("file sink appends JSON Lines, across reopen, to an existing file")
    func fileSink() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{\"earlier\":true}\n".utf8).write(to: URL(fileURLWithPath: path))
        let sink = try #require(try AlertSinkSpec.file(path: path).makeSink() as? FileAlertSink)
        try sink.send(Self.alert)
        try sink.reopen()
        try sink.send(Self.alert)
        sink.flush()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "{\"earlier\":true}")
        #expect(lines[1] == Substring(Self.alert.json))
        #expect(try ConsentJSON.parse(String(lines[2]))["vendor"]?.stringValue == "meta_capi")
        #expect(throws: AlertsError.self) { try FileAlertSink(path: "/nonexistent-\(UUID().uuidString)/a.jsonl") }
    }

    @Test("syslog sink: JSON at LOG_WARNING through the injected emitter; the real one does not crash")
    func syslogSink() throws {
        let got = Recorder<String>()
        let sink = SyslogAlertSink(ident: "consenttap-test", emit: { pri, line in got.add("\(pri) \(line)") })
        try sink.send(Self.alert)
        #expect(got.all == ["\(LOG_WARNING) \(Self.alert.json)"])
        // The real syslog (a message with % signs must not be taken as a format).
        let real = try AlertSinkSpec.syslog(ident: "consenttap-test").makeSink()
        let a = Alert(time: Self.alert.time, vendor: "odd%s%n%vendor", verdict: "violation", rule: "r", reasons: ["50%"],
                      subjects: [], request: Self.alert.request)
        try real.send(a)
    }

    @Test("webhook: signed POST delivered to a loopback server")
    func webhookDelivered() throws {
        let server = try LoopbackHTTPServer(statuses: [204], expected: 1)
        let logs = Recorder<String>()
        let sink = WebhookAlertSink(url: try WebhookURL(parsing: "http://127.0.0.1:\(server.port)/hook?k=1"), secret: "s3cret",
                                    sleep: { _ in logs.add("unexpected sleep") }, log: { logs.add($0) })
        try sink.send(Self.alert)
        #expect(server.wait())
        let req = try #require(server.requests.first)
        #expect(req.head.hasPrefix("POST /hook?k=1 HTTP/1.1\r\n"))
        #expect(req.header("host") == "127.0.0.1:\(server.port)")
        #expect(req.header("content-type") == "application/json")
        #expect(req.body == Array(Self.alert.json.utf8))
        // The receiver's check: HMAC-SHA-256 of the exact body with the shared secret.
        let expected = "sha256=" + HMACSHA256.hex(key: Array("s3cret".utf8), message: req.body)
        #expect(req.header("x-consenttap-signature") == expected)
        #expect(WebhookAlertSink.signature(body: req.body, secret: "s3cret") == expected)
        #expect(expected.count == 7 + 64)
        #expect(logs.all.isEmpty)
    }

    @Test("webhook: 503 then 500 then 200 is retried with exponential back-off")
    func webhookRetries() throws {
        let server = try LoopbackHTTPServer(statuses: [503, 500, 200], expected: 3)
        let sleeps = Recorder<Duration>()
        let sink = WebhookAlertSink(url: try WebhookURL(parsing: "http://127.0.0.1:\(server.port)/"), secret: nil,
                                    retry: .init(maxAttempts: 5, initialDelay: .milliseconds(100), multiplier: 2),
                                    sleep: { sleeps.add($0) }, log: { _ in })
        try sink.send(Self.alert)
        #expect(server.wait())
        #expect(server.requests.count == 3)
        #expect(server.requests.first?.header("x-consenttap-signature") == nil)   // no secret, no signature
        #expect(sleeps.all == [.milliseconds(100), .milliseconds(200)])
    }

    @Test("webhook: gives up after the bounded attempts with one clear log line")
    func webhookGivesUp() throws {
        let server = try LoopbackHTTPServer(statuses: [500], expected: 3)
        let sleeps = Recorder<Duration>()
        let logs = Recorder<String>()
        let url = try WebhookURL(parsing: "http://127.0.0.1:\(server.port)/h")
        let sink = WebhookAlertSink(url: url, secret: "k", retry: .init(maxAttempts: 3, initialDelay: .seconds(1)),
                                    sleep: { sleeps.add($0) }, log: { logs.add($0) })
        do {
            try sink.send(Self.alert)
            Issue.record("expected webhook_gave_up")
        } catch {
            #expect(error.code == .webhookGaveUp)
        }
        #expect(server.wait())
        #expect(sleeps.all == [.seconds(1), .seconds(2)])
        #expect(logs.all == ["consenttap: webhook http://127.0.0.1:\(server.port)/h gave up after 3 attempts: HTTP 500; alert dropped"])
    }

    @Test("webhook: a 4xx is final at once; a closed port is retried then reported")
    func webhookFinalAndRefused() throws {
        let server = try LoopbackHTTPServer(statuses: [401], expected: 1)
        let logs = Recorder<String>()
        let sink = WebhookAlertSink(url: try WebhookURL(parsing: "http://127.0.0.1:\(server.port)/"), secret: "k",
                                    sleep: { _ in logs.add("unexpected sleep: 4xx must not be retried") }, log: { logs.add($0) })
        #expect(throws: AlertsError.self) { try sink.send(Self.alert) }
        #expect(server.wait())
        #expect(logs.all.count == 1)
        #expect(logs.all.first?.contains("gave up after 1 attempt: HTTP 401 (not retried)") == true)

        // A port nobody listens on: the port the scripted server used, now closed.
        let closedLogs = Recorder<String>()
        let sleeps = Recorder<Duration>()
        let refused = WebhookAlertSink(url: try WebhookURL(parsing: "http://127.0.0.1:\(server.port)/"), secret: nil,
                                       retry: .init(maxAttempts: 2, initialDelay: .milliseconds(10)),
                                       sleep: { sleeps.add($0) }, log: { closedLogs.add($0) })
        #expect(throws: AlertsError.self) { try refused.send(Self.alert) }
        #expect(sleeps.all == [.milliseconds(10)])
        #expect(closedLogs.all.first?.contains("Connection refused") == true)
        #expect(closedLogs.all.first?.contains("meta_capi") == false)
    }

    @Test("webhook: a receiver that accepts but never answers times out, is retried, then reported")
    func webhookTimeout() throws {
        // A listening socket that never accepts: the kernel completes the handshake, nobody answers.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let rc = withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(rc == 0 && listen(fd, 8) == 0)
        var b = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &b) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let logs = Recorder<String>()
        let sleeps = Recorder<Duration>()
        let sink = WebhookAlertSink(url: try WebhookURL(parsing: "http://127.0.0.1:\(UInt16(bigEndian: b.sin_port))/?token=abc"),
                                    secret: "k", retry: .init(maxAttempts: 2, initialDelay: .milliseconds(5)),
                                    timeoutMillis: 200, sleep: { sleeps.add($0) }, log: { logs.add($0) })
        let start = Date()
        #expect(throws: AlertsError.self) { try sink.send(Self.alert) }
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(sleeps.all == [.milliseconds(5)])
        let line = try #require(logs.all.first)
        #expect(line.contains("no answer from 127.0.0.1"))
        #expect(line.contains("?token=***"))
        #expect(!line.contains("abc"))
    }

    @Test("back-off delays double and are capped")
    func backoff() {
        let p = WebhookAlertSink.RetryPolicy(maxAttempts: 10, initialDelay: .milliseconds(500), multiplier: 2, maxDelay: .seconds(3))
        #expect((1...6).map { p.delay(after: $0) }
            == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3), .seconds(3)])
    }
}
