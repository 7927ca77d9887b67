import Foundation
import Primitives
import Testing
@testable import TLS

/// The project's own captures (captures/tls, recorded by scripts/record-tls with OpenSSL s_client and
/// s_server): one per TLS 1.3 / 1.2 suite, encrypt-then-MAC on and off, HelloRetryRequest, KeyUpdate
/// and resumption.
@Suite("Recorded OpenSSL captures")
struct RecordedCaptureTests {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("captures/tls")
    }

    static let cases: [(name: String, version: String, cipher: String, connections: Int)] = [
        ("tls13-aes128gcm", "1.3", "TLS_AES_128_GCM_SHA256", 1),
        ("tls13-aes256gcm", "1.3", "TLS_AES_256_GCM_SHA384", 1),
        ("tls13-chacha20", "1.3", "TLS_CHACHA20_POLY1305_SHA256", 1),
        ("tls13-hrr", "1.3", "TLS_AES_256_GCM_SHA384", 1),
        ("tls13-keyupdate", "1.3", "TLS_AES_256_GCM_SHA384", 1),
        ("tls13-resume", "1.3", "TLS_AES_256_GCM_SHA384", 2),
        ("tls13-python-http1", "1.3", "TLS_AES_256_GCM_SHA384", 1),
        ("tls13-early-data", "1.3", "TLS_AES_256_GCM_SHA384", 2),
        ("tls12-ecdhe-aes128gcm", "1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 1),
        ("tls12-ecdhe-aes256gcm", "1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 1),
        ("tls12-ecdhe-chacha20", "1.2", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 1),
        ("tls12-ecdhe-aes128cbc-sha-etm", "1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 1),
        ("tls12-ecdhe-aes128cbc-sha-noetm", "1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 1),
        ("tls12-ecdhe-aes256cbc-sha384-noetm", "1.2", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 1),
        ("tls12-rsa-aes128cbc-sha256-etm", "1.2", "TLS_RSA_WITH_AES_128_CBC_SHA256", 1),
        ("tls12-rsa-aes256gcm", "1.2", "TLS_RSA_WITH_AES_256_GCM_SHA384", 1),
        ("tls12-resume-ticket", "1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 2),
        ("tls12-resume-sessionid", "1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 2),
    ]

    @Test("each recorded capture decrypts: request and response plaintext, metadata", arguments: cases)
    func recorded(_ item: (name: String, version: String, cipher: String, connections: Int)) throws {
        let pcap = Self.directory.appendingPathComponent("\(item.name).pcap")
        let keys = Self.directory.appendingPathComponent("\(item.name).keys")
        try #require(FileManager.default.fileExists(atPath: pcap.path), "missing \(pcap.path): run scripts/record-tls")
        let keyLog = KeyLog()
        keyLog.add(text: try String(contentsOf: keys, encoding: .utf8))
        #expect(keyLog.malformedLines == 0)
        let flows = try PcapFlows.read(pcap).filter { !$0.chunks.isEmpty }
        #expect(flows.count == item.connections)
        var sawEarlyData = false
        var resumed = 0
        for flow in flows {
            resumed += runTLS(flow.chunks, keyLog: keyLog).metadata.resumed ? 1 : 0
            for split in [Split.whole, .random(seed: 11)] {
                let run = runTLS(flow.chunks, keyLog: keyLog, split: split)
                let c2s = run.plaintext[.clientToServer]!, s2c = run.plaintext[.serverToClient]!
                // Python's http.client sends no SNI for an IP literal.
                #expect(run.metadata.sni == (item.name == "tls13-python-http1" ? nil : "consenttap.test"))
                #expect(run.metadata.version == item.version)
                #expect(run.metadata.cipher == item.cipher)
                #expect(run.metadata.decrypted)
                #expect(run.metadata.notDecryptedReason == nil, "\(item.name): \(run.counters.nonZero)")
                #expect(run.counters["tls_decrypt_auth_failed"] == 0)
                // Compatibility-mode ChangeCipherSpec records (around a HelloRetryRequest too) are expected.
                #expect(run.counters["tls_unexpected_change_cipher_spec"] == 0, "\(item.name)")
                if item.name == "tls13-early-data" {
                    // First connection gets the ticket; the second sends GET /early as 0-RTT data, then GET /late.
                    #expect(c2s.hasPrefix(ascii: "GET /ticket HTTP/1.1\r\n") || c2s.hasPrefix(ascii: "GET /early HTTP/1.1\r\n"))
                    if c2s.hasPrefix(ascii: "GET /early") {
                        sawEarlyData = true
                        #expect(c2s.contains(ascii: "GET /late HTTP/1.1\r\n"))
                        #expect(run.counters["tls_early_data_records"] >= 2)  // data + EndOfEarlyData
                        #expect(run.counters["tls_early_data_skipped"] == 0)
                    }
                } else if item.name == "tls13-python-http1" {
                    #expect(c2s.hasPrefix(ascii: "GET /hello.txt HTTP/1.1\r\n"))
                    #expect(c2s.contains(ascii: "Host: consenttap.test\r\n"))
                    #expect(s2c.contains(ascii: "hello from consenttap"))
                } else if item.name == "tls13-keyupdate" {
                    #expect(c2s.hasPrefix(ascii: "GET /first HTTP/1.1\r\n"))
                    #expect(c2s.contains(ascii: "GET /second HTTP/1.1\r\n"))
                    #expect(run.counters["tls_key_update"] == 1)
                } else {
                    #expect(c2s.hasPrefix(ascii: "GET /hello.txt HTTP/1.1\r\nHost: consenttap.test\r\n"), "\(item.name)")
                    #expect(s2c.hasPrefix(ascii: "HTTP/1.0 200 ok\r\n"), "\(item.name)")
                    #expect(s2c.contains(ascii: "hello from consenttap"))
                }
                if item.name == "tls13-hrr" { #expect(run.metadata.helloRetryRequest) }
            }
        }
        if item.name == "tls13-early-data" { #expect(sawEarlyData) }
        // Resumption captures: the second connection is abbreviated; single connections are full handshakes.
        #expect(resumed == item.connections - 1, "\(item.name): resumed connections")
    }
}

@Suite("Recorded curl / nghttpd HTTP/2 capture")
struct RecordedHTTP2Tests {
    @Test("curl --http2 to nghttpd: ALPN h2, preface, DATA payloads in the clear after decryption")
    func curlNghttpd() throws {
        let pcap = RecordedCaptureTests.directory.appendingPathComponent("h2-curl-nghttpd.pcap")
        try #require(FileManager.default.fileExists(atPath: pcap.path), "missing \(pcap.path): run scripts/record-tls")
        let keyLog = KeyLog()
        keyLog.add(text: try String(contentsOf: RecordedCaptureTests.directory.appendingPathComponent("h2-curl-nghttpd.keys"),
                                    encoding: .utf8))
        let flows = try PcapFlows.read(pcap).filter { !$0.chunks.isEmpty }
        #expect(flows.count == 2)
        var snis: [String?] = []
        var client: [UInt8] = [], server: [UInt8] = []
        for flow in flows {
            let run = runTLS(flow.chunks, keyLog: keyLog, split: .random(seed: 5))
            snis.append(run.metadata.sni)
            #expect(run.metadata.version == "1.3")
            #expect(run.metadata.alpn == "h2")
            #expect(run.metadata.alpnOffered.first == "h2")
            #expect(run.metadata.decrypted)
            #expect(run.metadata.notDecryptedReason == nil)
            #expect(run.plaintext[.clientToServer]!.hasPrefix(ascii: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"))
            client += run.plaintext[.clientToServer]!
            server += run.plaintext[.serverToClient]!
        }
        #expect(snis == [nil, "consenttap.test"])  // curl sends no SNI for an IP literal
        #expect(client.contains(ascii: #"{"event":"purchase","value":10}"#))
        #expect(server.contains(ascii: "hello from consenttap"))
    }
}
