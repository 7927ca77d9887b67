import Consent
import ConsentStore
import Foundation
import Primitives
import Testing

/// The consent endpoint over a real socket on 127.0.0.1 (ephemeral port).
@Suite("ConsentHTTPServer", .serialized)
struct ConsentHTTPServerTests {
    static let token = "s3cret-token-for-tests"

    /// A server backed by an in-memory store, with a 4 KiB body cap for the size tests.
    static func withServer(maxBody: Int = 4096, _ body: (UInt16, ConsentStore) throws -> Void) throws {
        let store = try ConsentStore(path: ":memory:")
        let handler = ConsentIngestHandler(token: try #require(BearerToken(token)), maxBodyBytes: maxBody) { entries in
            try store.ingest(entries, channel: "http", receivedAt: Timestamp(rfc3339: "2026-11-29T08:00:00Z")!)
        }
        let server = ConsentHTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: handler)
        try server.start()
        defer { server.stop() }
        #expect(server.boundPort != 0)
        try body(server.boundPort, store)
    }

    @Test("good token: JSON Lines accepted, counts returned, records stored")
    func goodToken() throws {
        try Self.withServer { port, store in
            let r = try post(port: port, token: Self.token, body: Lines.annGrant + "\n" + Lines.bob + "\n")
            #expect(r.status == 200)
            #expect(r.json["accepted"] as? Int == 2)
            #expect(r.json["stored"] as? Int == 2)
            #expect(r.json["duplicates"] as? Int == 0)
            #expect(r.headers["content-type"] == "application/json")
            #expect(store.snapshot().records.count == 2)
            // Again: idempotent.
            let again = try post(port: port, token: Self.token, body: Lines.annGrant)
            #expect(again.status == 200)
            #expect(again.json["stored"] as? Int == 0)
            #expect(again.json["duplicates"] as? Int == 1)
            #expect(try store.storedCount() == 2)
        }
    }

    @Test("wrong token and missing token: 401 with WWW-Authenticate, nothing stored")
    func unauthorized() throws {
        try Self.withServer { port, store in
            let wrong = try post(port: port, token: "s3cret-token-for-test", body: Lines.annGrant)
            #expect(wrong.status == 401)
            #expect(wrong.json["message"] as? String == "wrong bearer token")
            #expect(wrong.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            let missing = try post(port: port, token: nil, body: Lines.annGrant)
            #expect(missing.status == 401)
            #expect(missing.json["message"] as? String == "missing bearer token")
            let basic = try post(port: port, token: nil, body: Lines.annGrant, extraHeaders: ["Authorization: Basic YTpi"])
            #expect(basic.status == 401)
            #expect(store.snapshot().records.isEmpty)
        }
    }

    @Test("malformed body: 400 with the bad line numbers, nothing stored")
    func malformed() throws {
        try Self.withServer { port, store in
            let r = try post(port: port, token: Self.token, body: "{\"ts\": oops")
            #expect(r.status == 400)
            #expect(r.json["error"] as? String == "malformed")
            let errors = try #require(r.json["errors"] as? [[String: Any]])
            #expect(errors.map { $0["line"] as? Int } == [1])
            let empty = try post(port: port, token: Self.token, body: "\n\n")
            #expect(empty.status == 400)
            let array = try post(port: port, token: Self.token, body: "[" + Lines.annGrant + ", 3, " + Lines.noTs + "]")
            #expect(array.status == 400)
            let arrayErrors = try #require(array.json["errors"] as? [[String: Any]])
            #expect(arrayErrors.map { $0["line"] as? Int } == [2, 3])
            #expect(store.snapshot().records.isEmpty)
        }
    }

    @Test("JSON Lines with one bad line: 400 naming that line, the batch is refused whole")
    func oneBadLine() throws {
        try Self.withServer { port, store in
            let body = [Lines.annGrant, Lines.bob, "{not json}", Lines.carol].joined(separator: "\n")
            let r = try post(port: port, token: Self.token, body: body)
            #expect(r.status == 400)
            let errors = try #require(r.json["errors"] as? [[String: Any]])
            #expect(errors.count == 1)
            #expect(errors.first?["line"] as? Int == 3)
            #expect(r.json["message"] as? String == "1 record(s) malformed; nothing was stored")
            #expect(!r.body.contains("ann@example.com"))
            #expect(store.snapshot().records.isEmpty)
        }
    }

    @Test("oversized body: 413 from the declared length, and from a chunked body as it arrives")
    func oversized() throws {
        try Self.withServer(maxBody: 4096) { port, store in
            let big = String(repeating: Lines.annGrant + "\n", count: 40)   // ~6 KiB
            let r = try post(port: port, token: Self.token, body: big)
            #expect(r.status == 413)
            #expect(r.json["error"] as? String == "too_large")
            var chunked = "POST /v1/consent HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(Self.token)\r\n"
            chunked += "Transfer-Encoding: chunked\r\n\r\n"
            for _ in 0..<10 { chunked += String(1000, radix: 16) + "\r\n" + String(repeating: " ", count: 1000) + "\r\n" }
            chunked += "0\r\n\r\n"
            let c = try exchange(port: port, Array(chunked.utf8))
            #expect(c.status == 413)
            #expect(store.snapshot().records.isEmpty)
        }
    }

    @Test("JSON array, one pretty-printed object, chunked body and Expect: 100-continue are accepted")
    func bodyShapes() throws {
        try Self.withServer { port, store in
            let array = try post(port: port, token: Self.token, body: "[" + Lines.annGrant + ",\n " + Lines.bob + "]")
            #expect(array.status == 200)
            #expect(array.json["accepted"] as? Int == 2)
            let pretty = "{\n  \"ts\": \"2026-11-28T11:00:00Z\",\n  \"subject\": {\"ga_client_id\": \"123.456\"},\n  \"purposes\": {\"analytics\": false}\n}\n"
            let one = try post(port: port, token: Self.token, body: pretty)
            #expect(one.status == 200)
            #expect(one.json["stored"] as? Int == 1)
            let warn = try post(port: port, token: Self.token, body: Lines.unknownKey,
                                extraHeaders: ["Expect: 100-continue"])
            #expect(warn.status == 200)
            #expect(warn.raw.hasPrefix("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK"))
            #expect((warn.json["warnings"] as? [[String: Any]])?.count == 1)
            let body = Lines.annDeny + "\n"
            let half = body.utf8.count / 2
            var req = "POST /v1/consent HTTP/1.1\r\nHost: x\r\nAuthorization: bearer \(Self.token)\r\nTransfer-Encoding: chunked\r\n\r\n"
            req += String(half, radix: 16) + "\r\n" + String(body.prefix(half)) + "\r\n"
            req += String(body.utf8.count - half, radix: 16) + ";ext=1\r\n" + String(body.dropFirst(half)) + "\r\n0\r\n\r\n"
            let chunked = try exchange(port: port, Array(req.utf8))
            #expect(chunked.status == 200)
            #expect(chunked.json["stored"] as? Int == 1)
            #expect(store.snapshot().records.count == 5)
        }
    }

    @Test("healthz, unknown path, wrong method, missing length, malformed head")
    func routes() throws {
        try Self.withServer { port, _ in
            let h = try exchange(port: port, Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(h.status == 200)
            #expect(h.json["status"] as? String == "ok")
            let nf = try exchange(port: port, Array("GET /v2/other HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(nf.status == 404)
            let get = try exchange(port: port, Array("GET /v1/consent HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(get.status == 405)
            #expect(get.headers["allow"] == "POST")
            let postHealth = try post(port: port, path: "/healthz", token: nil, body: "{}")
            #expect(postHealth.status == 405)
            let noLength = try exchange(port: port, Array("POST /v1/consent HTTP/1.1\r\nAuthorization: Bearer \(Self.token)\r\n\r\n".utf8))
            #expect(noLength.status == 411)
            let bad = try exchange(port: port, Array("POST /v1/consent HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello".utf8))
            #expect(bad.status == 400)
            let junk = try exchange(port: port, Array("\u{1}\u{2} nonsense\r\n\r\n".utf8))
            #expect(junk.status == 400)
            let huge = try exchange(port: port, Array(("GET /healthz HTTP/1.1\r\nX: " + String(repeating: "a", count: 20_000) + "\r\n\r\n").utf8))
            #expect(huge.status == 431)
        }
    }

    @Test("an empty token is refused; a bind address that is not an IP is a config error")
    func configuration() throws {
        #expect(BearerToken("") == nil)
        let handler = ConsentIngestHandler(token: try #require(BearerToken("t"))) { _ in .init(inserted: 0, duplicates: 0) }
        let server = ConsentHTTPServer(configuration: .init(host: "not-an-ip", port: 0), handler: handler)
        #expect(throws: ConsentStoreError.self) { try server.start() }
    }

    @Test("bearer token comparison")
    func bearer() throws {
        let t = try #require(BearerToken("abc"))
        #expect(t.accepts(authorization: "Bearer abc"))
        #expect(t.accepts(authorization: "bearer abc"))
        #expect(!t.accepts(authorization: "Bearer abcd"))
        #expect(!t.accepts(authorization: "Bearer ab"))
        #expect(!t.accepts(authorization: "Bearer"))
        #expect(!t.accepts(authorization: "abc"))
        #expect(!t.accepts(authorization: nil))
    }
}

@Suite("ConsentHTTPServer with curl", .serialized)
struct ConsentHTTPServerCurlTests {
    /// Runs /usr/bin/curl (a Debian package of the build machine); returns (status, body).
    static func curl(_ args: [String]) throws -> (Int, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-sS", "-o", "-", "-w", "\n%{http_code}"] + args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let nl = try #require(text.lastIndex(of: "\n"))
        return (Int(text[text.index(after: nl)...]) ?? -1, String(text[..<nl]))
    }

    @Test("curl posts a 3 KiB JSON Lines body (Expect: 100-continue) and a file with --data-binary")
    func curlClient() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "curl is needed for this test")
        try ConsentHTTPServerTests.withServer(maxBody: 1 << 20) { port, store in
            var lines: [String] = []
            for i in 0..<20 {
                lines.append(#"{"ts":"2026-11-28T10:00:00Z","subject":{"device_id":"dev-\#(i)"},"purposes":{"analytics":true,"advertising":false},"source":"curl-test"}"#)
            }
            let body = lines.joined(separator: "\n") + "\n"
            #expect(body.utf8.count > 1024)
            let dir = try TempDir()
            defer { dir.cleanup() }
            try writeText(dir.file("feed.jsonl"), body)
            let url = "http://127.0.0.1:\(port)/v1/consent"
            let (status, answer) = try Self.curl(["-H", "Authorization: Bearer \(ConsentHTTPServerTests.token)",
                                                  "-H", "Content-Type: application/x-ndjson",
                                                  "--data-binary", "@" + dir.file("feed.jsonl"), url])
            #expect(status == 200)
            #expect(answer.contains(#""stored":20"#))
            #expect(store.snapshot().records.count == 20)
            let (denied, _) = try Self.curl(["--data-binary", "@" + dir.file("feed.jsonl"), url])
            #expect(denied == 401)
            let (health, h) = try Self.curl(["http://127.0.0.1:\(port)/healthz"])
            #expect(health == 200 && h == #"{"status":"ok"}"#)
        }
    }
}

@Suite("ConsentHTTPServer limits", .serialized)
struct ConsentHTTPServerLimitTests {
    @Test("a client that stops sending gets 408; over maxConnections gets 503")
    func timeoutsAndBusy() throws {
        let store = try ConsentStore(path: ":memory:")
        let handler = ConsentIngestHandler(token: try #require(BearerToken("t"))) { entries in
            try store.ingest(entries, channel: "http", receivedAt: .zero)
        }
        var config = ConsentHTTPServer.Configuration(host: "127.0.0.1", port: 0)
        config.ioTimeoutMillis = 1_000
        config.maxConnections = 1
        let server = ConsentHTTPServer(configuration: config, handler: handler)
        try server.start()
        defer { server.stop() }
        let partial = "POST /v1/consent HTTP/1.1\r\nAuthorization: Bearer t\r\nContent-Length: 100\r\n\r\n{\"ts\":"
        let slow = try exchange(port: server.boundPort, Array(partial.utf8))
        #expect(slow.status == 408)
        #expect(slow.json["message"] as? String == "request body not received in full")

        /// Waits (at most 5 s) until the server serves `n` connections.
        func waitActive(_ n: Int) -> Bool {
            for _ in 0..<500 {
                if server.activeConnections == n { return true }
                usleep(10_000)
            }
            return false
        }
        #expect(waitActive(0))
        // Hold the only slot with a silent connection, then try another one.
        let idle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = server.boundPort.bigEndian
        a.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let rc = withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(idle, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(rc == 0)
        #expect(waitActive(1))
        let busy = try exchange(port: server.boundPort, Array("GET /healthz HTTP/1.1\r\n\r\n".utf8))
        #expect(busy.status == 503)
        // The silent one times out with 408 and frees the slot.
        var buf = [UInt8](repeating: 0, count: 1024)
        let n = buf.withUnsafeMutableBytes { recv(idle, $0.baseAddress, $0.count, 0) }
        #expect(n > 0 && String(decoding: buf[0..<max(0, n)], as: UTF8.self).hasPrefix("HTTP/1.1 408"))
        close(idle)
        #expect(waitActive(0))
        #expect(try exchange(port: server.boundPort, Array("GET /healthz HTTP/1.1\r\n\r\n".utf8)).status == 200)
    }
}

@Suite("ConsentIngestHandler")
struct ConsentIngestHandlerTests {
    @Test("a body with many bad lines lists the first 100 and gives the total")
    func manyErrors() throws {
        let handler = ConsentIngestHandler(token: try #require(BearerToken("t"))) { _ in
            Issue.record("nothing must be stored")
            return .init(inserted: 0, duplicates: 0)
        }
        let body = Array((String(repeating: "nope\n", count: 250) + Lines.annGrant + "\n").utf8)
        let batch = ConsentIngestHandler.decode(body: body, maxLineLength: 1 << 20)
        #expect(batch.entries.count == 1)
        #expect(batch.problems.count == 250)
        let server = ConsentHTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: handler)
        try server.start()
        defer { server.stop() }
        let r = try post(port: server.boundPort, token: "t", body: String(decoding: body, as: UTF8.self))
        #expect(r.status == 400)
        #expect((r.json["errors"] as? [Any])?.count == 100)
        #expect(r.json["errorCount"] as? Int == 250)
        #expect(r.json["message"] as? String == "250 record(s) malformed; nothing was stored")
    }
}
