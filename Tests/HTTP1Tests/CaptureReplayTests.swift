import Foundation
import Testing
@testable import HTTP1

/// Runs the parser over real HTTP captures from `../shared/captures/external` (relative to the
/// package root) and compares with the requests tshark found (`*.expect.json`).
@Suite("HTTP1 over shared captures")
struct CaptureReplayTests {
    static let externalDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/captures/external").standardizedFileURL

    /// In-order, simple Ethernet / raw-IPv4 HTTP/1 captures.
    static let captures = [
        "http-chunked", "http-pipelined", "http-post", "http-get-gzip", "http-x-gzip", "http-multi-content-encoding",
        "http-multiple-100", "http-range-file", "http-te-cl-desync", "http-te-multi-value", "http-te-obs-fold",
        "http-post-gzip-body", "http-post-port-8000", "http-request-header-multi", "http-expect-100-cl0",
        "http-content-length-in-body", "http-websocket", "h2c-upgrade", "l2-vlan-http", "http-desync-request-response",
        "http-methods", "tcp-start-from-response", "tcp-get-nosyn", "tcp-missing-syn", "tcp-entity-gap", "tcp-http-gap-simple",
        "tcp-http-large-gap", "tcp-onesided-nosyn", "tcp-overlap-exact", "tcp-rst-with-data", "tcp-handshake-reorder",
        "tcp-http-padding-port27272", "tcp-fast-open", "l2-qinq-http",
    ]

    /// Where tshark is wrong, the row we expect instead (documented per capture).
    static let tsharkMistakes: [String: [String]] = [
        // The capture ends inside the last 206 response's body; tshark shows no status for an
        // incomplete response, we pair the head we saw (its body is marked truncated).
        "http-range-file": Array(repeating: "GET i.imgur.com /z4d4kWk.jpg 0 0 206", count: 15),
        // The capture starts with a 200 response whose request was not captured; tshark pairs it
        // with the GET that follows, whose real answer is the 404 after it.
        "tcp-start-from-response": ["GET 172.16.9.189 /favicon.ico 0 0 404"],
        // After "101 Switching Protocols" the connection speaks HTTP/2: tshark's second request
        // (/humans.txt, 404) is an HTTP/2 stream, for the HTTP/2 parser, not this one.
        "h2c-upgrade": ["GET nghttp2.org /robots.txt 0 0 101"],
        // A segment of a response body is missing (entity-gap: the only response; gap-simple: the
        // second of three, 14 bytes). tshark loses the status of the response after the hole; the
        // Content-Length framing lets us count the hole as body, flag `gaps` on that request and
        // keep pairing (checked in "responses with a missing segment keep their status and flag gaps").
        "tcp-entity-gap": ["GET bro.org /download/CHANGES.bro-aux.txt 0 0 200"],
        "tcp-http-gap-simple": ["GET nil /1 0 0 200", "GET nil /2 0 0 200", "GET nil /3 0 0 200"],
        // "Transfer-Encoding:\r\n chunked" is obs-fold (RFC 9112 §5.2): the value is "chunked". tshark
        // does not unfold, reads an empty TE, and counts the chunk framing and the smuggled request
        // as a 65-byte body. We unfold (anomaly obs_fold): a 0-byte chunked body, then the GET.
        "http-te-obs-fold": [
            "POST target / 0 0 nil",
            "GET target /smuggled-obsfold 0 0 nil",
        ],
    ]

    static func row(method: String, host: String?, path: String, body: Int, decoded: Int, status: Int?) -> String {
        "\(method) \(host ?? "nil") \(path) \(body) \(decoded) \(status.map(String.init) ?? "nil")"
    }

    @Test("requests match tshark's (method, host, path, body lengths, status)", arguments: captures)
    func capture(name: String) throws {
        let pcap = Self.externalDirectory.appendingPathComponent(name + ".pcap").path
        let expectPath = pcap + ".expect.json"
        try #require(FileManager.default.fileExists(atPath: pcap),
                     "shared capture missing: \(pcap) (the tests need ../shared/captures next to the package)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: expectPath))) as? [String: Any])
        let tshark = try #require(json["http_requests"] as? [[String: Any]])
        let expected = Self.tsharkMistakes[name] ?? tshark.map { r in
            Self.row(method: r["method"] as? String ?? "?", host: r["host"] as? String, path: r["path"] as? String ?? "?",
                     body: r["body_length"] as? Int ?? -1, decoded: r["body_length_decoded"] as? Int ?? -1,
                     status: r["response_status"] as? Int)
        }
        let ours = try CaptureReplay.requests(pcap: pcap).map {
            Self.row(method: $0.method, host: $0.host, path: $0.target, body: $0.body.transferLength,
                     decoded: $0.body.decodedLength, status: $0.status)
        }
        #expect(ours == expected)
    }

    @Test("responses with a missing segment keep their status and flag gaps")
    func gapCaptures() throws {
        for name in ["tcp-entity-gap", "tcp-http-gap-simple"] {
            let pcap = Self.externalDirectory.appendingPathComponent(name + ".pcap").path
            try #require(FileManager.default.fileExists(atPath: pcap), "shared capture missing: \(pcap)")
            let records = try CaptureReplay.requests(pcap: pcap, limits: .withResponseBodies)
            let gapped = records.filter(\.gaps)
            #expect(gapped.count == 1, "\(name)")
            #expect(gapped.first?.status == 200, "\(name)")
            #expect(gapped.first?.responseBody?.truncated == true, "\(name)")
        }
    }

    @Test("the SDK lab's plaintext capture matches its ground truth (method, host, target, body length, status)")
    func sdkPlaintext() throws {
        let sdk = Self.externalDirectory.deletingLastPathComponent().appendingPathComponent("sdk")
        let pcap = sdk.appendingPathComponent("plaintext_http.pcap").path
        let truthPath = sdk.appendingPathComponent("plaintext_http.truth.jsonl").path
        try #require(FileManager.default.fileExists(atPath: pcap), "shared capture missing: \(pcap)")
        let truth = try String(contentsOfFile: truthPath, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let expected = truth.map { r in
            let query = r["query"] as? String ?? ""
            return Self.row(method: r["method"] as? String ?? "?", host: r["host"] as? String,
                            path: (r["path"] as? String ?? "?") + (query.isEmpty ? "" : "?" + query),
                            body: r["body_len"] as? Int ?? -1, decoded: r["body_len"] as? Int ?? -1,
                            status: r["response_status"] as? Int)
        }
        let records = try CaptureReplay.requests(pcap: pcap)
        let ours = records.map {
            Self.row(method: $0.method, host: $0.host, path: $0.target, body: $0.body.transferLength,
                     decoded: $0.body.decodedLength, status: $0.status)
        }
        #expect(ours == expected)
        #expect(records.allSatisfy { $0.anomalies.isEmpty && !$0.gaps })
    }
}
