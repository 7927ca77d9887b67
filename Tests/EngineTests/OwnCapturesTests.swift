import Foundation
import Testing
import Engine
import Catalog
import TLS

/// `consenttap http` on the project's own captures (`captures/*.pcap`, recorded from real clients by
/// `scripts/record-captures`): every request the local servers logged (`*.truth.json`) is found with
/// the same fields, and nothing else is reported.
@Suite("Own captures")
struct OwnCapturesTests {
    static let directory = SharedCaptures.packageRoot.appendingPathComponent("captures")

    static var names: [String] {
        SharedCaptures.files(in: directory, suffix: ".truth.json").map {
            $0.lastPathComponent.replacingOccurrences(of: ".truth.json", with: "")
        }
    }

    @Test("the bundled captures are there")
    func present() { #expect(Self.names.count >= 10) }

    @Test("every logged request is found with its framing and status", arguments: names)
    func capture(_ name: String) throws {
        let truth = try SharedCaptures.json(Self.directory.appendingPathComponent(name + ".truth.json"))
        let wanted = try #require(truth["requests"] as? [[String: Any]])
        let (rows, summary) = try runHTTP([Self.directory.appendingPathComponent(name + ".pcap").path])
        #expect(summary.captureErrors.isEmpty)
        var unused = rows
        for want in wanted {
            let client = want["client"] as? String, method = want["method"] as? String, path = want["path"] as? String
            guard let i = unused.firstIndex(where: { $0.client.description == client && $0.method == method && $0.path == path }) else {
                Issue.record("\(name): not found: \(method ?? "") \(path ?? "") from \(client ?? "")")
                continue
            }
            let got = unused.remove(at: i)
            let label = "\(name) \(method ?? "") \(path ?? "")"
            #expect(got.server.description == want["server"] as? String, "\(label): server")
            #expect(got.httpVersion == want["http_version"] as? String, "\(label): version")
            #expect(got.host == want["host"] as? String, "\(label): host")
            #expect(got.bodyLength == want["body_length"] as? Int, "\(label): body_length")
            #expect(got.bodyDecodedLength == want["body_decoded_length"] as? Int, "\(label): body_decoded_length")
            #expect(got.status == want["status"] as? Int, "\(label): status")
            #expect(got.contentEncoding == want["content_encoding"] as? String, "\(label): content_encoding")
            #expect(!got.gaps, "\(label): no bytes are missing from these captures")
        }
        #expect(unused.isEmpty, "\(name): requests the servers never saw: \(unused.map { "\($0.method) \($0.path)" })")
    }
}

/// The TLS captures recorded with OpenSSL and curl (`captures/tls`): every connection decrypts and its
/// request is found through the whole pipeline.
@Suite("Own TLS captures")
struct OwnTLSCapturesTests {
    static let directory = SharedCaptures.packageRoot.appendingPathComponent("captures/tls")

    static var names: [String] {
        SharedCaptures.files(in: directory, suffix: ".pcap").map { $0.deletingPathExtension().lastPathComponent }
    }

    @Test("every recorded TLS connection decrypts to its HTTP request", arguments: names)
    func capture(_ name: String) throws {
        let keys = Self.directory.appendingPathComponent(name + ".keys")
        let keyLog = TLSKeyLogLoader.load(keys.path)
        var rows: [HTTPLogRecord] = []
        var tls: [TLSLogRecord] = []
        _ = try HTTPPipeline.run(paths: [Self.directory.appendingPathComponent(name + ".pcap").path], keyLog: keyLog,
                                 onTLS: { tls.append($0) }, onRequest: { rows.append($0) })
        #expect(!tls.isEmpty)
        for row in tls { #expect(row.metadata.decrypted, "\(name) connection \(row.uid): \(row.metadata.notDecryptedReason ?? "")") }
        #expect(!rows.isEmpty, "\(name): no request decrypted")
        for row in rows where row.method != "CONNECT" {   // a proxy's CONNECT goes in clear, before the TLS
            #expect(row.tls?.decrypted == true)
            #expect(["GET", "POST"].contains(row.method))
            #expect(row.path.hasPrefix("/"))
        }
    }

    @Test("HTTPS through a forward proxy (CONNECT or SOCKS 5): the TLS inside the tunnel is decrypted, or named by its SNI without keys",
          arguments: ["h2-curl-connect-proxy", "h2-curl-socks5-proxy"])
    func proxyTunnel(_ name: String) throws {
        let pcap = Self.directory.appendingPathComponent(name + ".pcap").path
        let keyLog = TLSKeyLogLoader.load(Self.directory.appendingPathComponent(name + ".keys").path)
        let connect = name.contains("connect")
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: Array("k".utf8)))
        var run = HTTPRunOptions()
        run.retainedBodyBytes = 1 << 20
        for withKeys in [true, false] {
            var rows: [HTTPLogRecord] = []
            var tls: [TLSLogRecord] = []
            _ = try HTTPPipeline.run(paths: [pcap], options: run, keyLog: withKeys ? keyLog : KeyLog(),
                                     onTLS: { tls.append($0) }, onRequest: { rows.append($0) })
            let connection = try #require(tls.first)
            #expect(tls.count == 1 && connection.metadata.sni == "graph.facebook.com" && connection.metadata.version == "1.3")
            #expect(connection.metadata.decrypted == withKeys)
            #expect(connection.tunnelTarget?.hasPrefix("graph.facebook.com:") == true)   // the name the proxy was asked for
            // A CONNECT is a request, in clear; a SOCKS handshake is not.
            #expect((rows.first?.method == "CONNECT" && rows.first?.tls == nil) == connect)
            if connect { rows.removeFirst() }
            if withKeys {
                #expect(rows.map { "\($0.method) \($0.path) \($0.status ?? 0)" }
                    == ["GET /hello.txt 200", "POST /v19.0/1234567890/events 404"])
                #expect(rows.allSatisfy { $0.httpVersion == "2" && $0.tls?.sni == "graph.facebook.com" })
                let post = try #require(rows.last)
                let forward = try #require(analyzer.analyze(post, learnedHost: nil))
                #expect(forward.vendor == "meta_capi" && forward.endpointMatched && forward.payloadVisible)
                #expect(forward.personalData.map(\.path) == ["data[0].user_data.em[0]"])
            } else {
                #expect(rows.isEmpty)
                #expect(connection.metadata.notDecryptedReason == "no_key")
                let forward = try #require(analyzer.analyze(tls: connection, learnedHost: nil))
                #expect(forward.vendor == "meta_capi" && !forward.payloadVisible && forward.hostSource == "sni")
            }
        }
    }
}
