import Foundation
import Primitives
import Testing
@testable import TLS

/// Real captures with key logs from ../shared/captures: metadata against tshark's expectations, and
/// decrypted plaintext against the HTTP requests tshark found.
@Suite("Real captures")
struct CaptureTests {
    struct Expectation {
        var sni: [String]
        var requests: [(method: String, path: String, version: String)]
    }

    static func expectation(_ name: String) throws -> Expectation {
        let data = try Data(contentsOf: TestCaptures.url("external/\(name).expect.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sni = (json["tls_sni"] as? [[String: Any]] ?? []).compactMap { $0["server_name"] as? String }
        let requests = (json["http_requests"] as? [[String: Any]] ?? []).map {
            (method: $0["method"] as? String ?? "", path: $0["path"] as? String ?? "", version: $0["http_version"] as? String ?? "")
        }
        return Expectation(sni: sni, requests: requests)
    }

    static func load(_ relative: String, keys: String) throws -> (flows: [CapturedFlow], keyLog: KeyLog) {
        let url = TestCaptures.url(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("shared capture missing: \(url.path) (expected ../shared/captures next to the package)")
            throw PcapError(description: "missing capture")
        }
        let keyLog = KeyLog()
        keyLog.add(text: try String(contentsOf: TestCaptures.url(keys), encoding: .utf8))
        return (try PcapFlows.read(url), keyLog)
    }

    static let external: [(file: String, version: String, cipher: String)] = [
        ("tls12-curl-head.pcapng", "1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
        ("tls12-http1-chunked.pcapng", "1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
        ("tls12-zeek-decryption.pcap", "1.2", ""),
        ("tls12-zeek-stream-keylog.pcap", "1.2", ""),
        ("tls13-aes256-http1.pcapng", "1.3", "TLS_AES_256_GCM_SHA384"),
        ("tls13-chrome-http1.pcapng", "1.3", "TLS_AES_128_GCM_SHA256"),
        ("tls13-chrome-http2.pcapng", "1.3", "TLS_AES_128_GCM_SHA256"),
    ]

    @Test("external TLS captures: SNI, version, cipher, every request decrypted", arguments: external)
    func externalCapture(_ item: (file: String, version: String, cipher: String)) throws {
        let (flows, keyLog) = try Self.load("external/\(item.file)", keys: "external/\(item.file).keys")
        let expected = try Self.expectation(item.file)
        var snis: [String] = []
        var clientPlaintext: [UInt8] = []
        var decryptedConnections = 0
        for flow in flows where flow.chunks.first.map({ c in c.bytes.withUnsafeBytes { TLSConnection.looksLikeTLS($0) } }) == true {
            let run = runTLS(flow.chunks, keyLog: keyLog)
            if let sni = run.metadata.sni { snis.append(sni) }
            #expect(run.metadata.version == item.version)
            if !item.cipher.isEmpty, run.metadata.cipher != nil { #expect(run.metadata.cipher == item.cipher) }
            #expect(run.counters["tls_decrypt_auth_failed"] == 0, "\(item.file): \(run.counters.nonZero)")
            #expect(run.metadata.notDecryptedReason != "decrypt_error")
            let c2s = run.plaintext[.clientToServer]!
            if !c2s.isEmpty {
                decryptedConnections += 1
                #expect(run.metadata.decrypted)
                #expect(c2s.hasPrefix(ascii: "PRI * HTTP/2.0") || c2s.hasPrefix(ascii: "GET ") || c2s.hasPrefix(ascii: "HEAD ")
                    || c2s.hasPrefix(ascii: "POST "), "\(item.file): plaintext starts with a request line or the h2 preface")
                if c2s.hasPrefix(ascii: "PRI * HTTP/2.0") { #expect(run.metadata.alpn == "h2") }
            }
            clientPlaintext += c2s
        }
        #expect(Set(snis) == Set(expected.sni), "\(item.file): SNI \(snis) vs \(expected.sni)")
        #expect(decryptedConnections > 0)
        for request in expected.requests where request.version != "2" {
            #expect(clientPlaintext.contains(ascii: "\(request.method) \(request.path) HTTP/1.1"),
                    "\(item.file): \(request.method) \(request.path) decrypted")
        }
        for request in expected.requests where request.version == "2" {
            // HPACK-coded: the path may be Huffman-coded; the preface and a HEADERS frame must be there.
            #expect(clientPlaintext.contains(ascii: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), "\(item.file): h2 preface")
        }
    }

    @Test("drip-fed and randomly split chunks give the same plaintext", arguments: ["tls12-curl-head.pcapng", "tls13-aes256-http1.pcapng"])
    func splitInvariance(_ file: String) throws {
        let (flows, keyLog) = try Self.load("external/\(file)", keys: "external/\(file).keys")
        let flow = try #require(flows.first { !$0.chunks.isEmpty })
        let whole = runTLS(flow.chunks, keyLog: keyLog)
        let bytewise = runTLS(flow.chunks, keyLog: keyLog, split: .bytewise)
        let random = runTLS(flow.chunks, keyLog: keyLog, split: .random(seed: 7))
        #expect(!whole.plaintext[.clientToServer]!.isEmpty)
        #expect(bytewise.plaintext == whole.plaintext)
        #expect(random.plaintext == whole.plaintext)
        #expect(bytewise.metadata == whole.metadata)
        #expect(random.metadata == whole.metadata)
    }

    @Test("without keys: metadata still complete, reason no_key", arguments: ["tls12-curl-head.pcapng", "tls13-aes256-http1.pcapng"])
    func noKey(_ file: String) throws {
        let (flows, _) = try Self.load("external/\(file)", keys: "external/\(file).keys")
        let flow = try #require(flows.first { !$0.chunks.isEmpty })
        let run = runTLS(flow.chunks, keyLog: KeyLog())
        #expect(run.metadata.sni != nil)
        #expect(run.metadata.ja4 != nil)
        #expect(run.metadata.decrypted == false)
        #expect(run.metadata.notDecryptedReason == "no_key")
        #expect(run.plaintext[.clientToServer]!.isEmpty)
    }

    @Test("keys added after the records arrived are applied to the held records",
          arguments: ["tls13-aes256-http1.pcapng", "tls12-curl-head.pcapng", "tls12-http1-chunked.pcapng"])
    func lateKeys(_ file: String) throws {
        let (flows, keyLog) = try Self.load("external/\(file)", keys: "external/\(file).keys")
        let flow = try #require(flows.first { !$0.chunks.isEmpty })
        let reference = runTLS(flow.chunks, keyLog: keyLog)
        let late = KeyLog()
        let text = try String(contentsOf: TestCaptures.url("external/\(file).keys"), encoding: .utf8)
        let run = runTLS(flow.chunks, keyLog: late) { n, _ in
            if n == flow.chunks.count - 2 { late.add(text: text) }
        }
        #expect(run.counters["tls_records_pending_key"] > 0)
        #expect(run.plaintext == reference.plaintext)
        #expect(run.metadata.decrypted)
        #expect(run.metadata.notDecryptedReason == nil)
    }

    static let sdk = ["facebook_business", "ga4_mp", "http2", "mixpanel", "segment"]

    @Test("SDK captures over HTTPS: every request of truth.jsonl is found in the decrypted streams", arguments: sdk)
    func sdkCapture(_ name: String) throws {
        let (flows, keyLog) = try Self.load("sdk/\(name).pcap", keys: "sdk/\(name).keys")
        let truthText = try String(contentsOf: TestCaptures.url("sdk/\(name).truth.jsonl"), encoding: .utf8)
        var requests: [(method: String, path: String, version: String, host: String)] = []
        for line in truthText.split(separator: "\n") {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard json["scheme"] as? String == "https" else { continue }
            requests.append((json["method"] as? String ?? "", json["path"] as? String ?? "",
                             json["http_version"] as? String ?? "", json["host"] as? String ?? ""))
        }
        #expect(!requests.isEmpty)
        var plaintext: [UInt8] = []
        var snis: Set<String> = []
        var tlsConnections = 0
        for flow in flows where flow.chunks.first.map({ c in c.bytes.withUnsafeBytes { TLSConnection.looksLikeTLS($0) } }) == true {
            tlsConnections += 1
            let run = runTLS(flow.chunks, keyLog: keyLog)
            #expect(run.metadata.decrypted, "\(name) \(flow.client): \(run.metadata) \(run.counters.nonZero)")
            #expect(run.metadata.notDecryptedReason == nil)
            if let sni = run.metadata.sni { snis.insert(sni) }
            plaintext += run.plaintext[.clientToServer]!
        }
        #expect(tlsConnections > 0)
        for request in requests {
            #expect(snis.contains(request.host), "\(name): SNI \(request.host)")
            if request.version == "1.1" {
                #expect(plaintext.contains(ascii: "\(request.method) \(request.path)"), "\(name): \(request.method) \(request.path)")
            }
        }
    }
}
