import Foundation
import Testing
import Engine
import TLS

/// `consenttap http --keylog` against the TLS captures with key logs in `../shared/captures`:
/// - `external/tls*` (written by other projects, expectations from tshark 4.0 with the same key log):
///   every request tshark decrypts is found with the same method, host, path, body lengths and status,
///   and the TLS connections carry the SNIs tshark lists;
/// - `sdk/*` (recorded from vendor SDKs; `truth.jsonl` is the origin server's own log): every request
///   with method, host, path and query, body lengths and status, and every connection decrypted.
/// Where the source project ships its own baseline (Zeek http.log), its rows are checked too. Where tshark
/// is wrong, the exception would be listed here with the reason: none found (all 7 captures agree).
@Suite("Conformance: TLS captures with key logs")
struct TLSConformanceTests {
    /// `external/` captures that have a key log (`<capture>.keys`), by name.
    static var externalCaptures: [String] {
        let dir = SharedCaptures.root.appendingPathComponent("external")
        return SharedCaptures.files(in: dir, suffix: ".keys").map { $0.lastPathComponent.replacingOccurrences(of: ".keys", with: "") }
    }

    /// `sdk/` captures that have a key log, by stem (`<stem>.pcap`, `<stem>.keys`, `<stem>.truth.jsonl`).
    static var sdkCaptures: [String] {
        let dir = SharedCaptures.root.appendingPathComponent("sdk")
        return SharedCaptures.files(in: dir, suffix: ".keys").map { $0.lastPathComponent.replacingOccurrences(of: ".keys", with: "") }
    }

    /// Runs the http pipeline over one capture with its key log; returns requests, TLS rows and the summary.
    static func run(_ capture: URL, keys: URL) throws -> ([HTTPLogRecord], [TLSLogRecord], RunSummary) {
        #expect(FileManager.default.fileExists(atPath: keys.path), "key log missing: \(keys.lastPathComponent)")
        let keyLog = TLSKeyLogLoader.load(keys.path)
        var rows: [HTTPLogRecord] = []
        var tls: [TLSLogRecord] = []
        let summary = try HTTPPipeline.run(paths: [capture.path], keyLog: keyLog,
                                           onTLS: { tls.append($0) }, onRequest: { rows.append($0) })
        return (rows, tls, summary)
    }

    @Test("the shared TLS captures with key logs are present")
    func present() {
        _ = SharedCaptures.directory("external")
        _ = SharedCaptures.directory("sdk")
        #expect(Self.externalCaptures.count >= 7, "expected the tls* captures with .keys in ../shared/captures/external")
        #expect(Self.sdkCaptures.count >= 6, "expected the SDK captures with .keys in ../shared/captures/sdk")
    }

    @Test("every request tshark decrypts is found with the same fields, and the SNIs match", arguments: externalCaptures)
    func external(_ name: String) throws {
        let dir = try #require(SharedCaptures.directory("external"))
        let expect = try SharedCaptures.json(dir.appendingPathComponent(name + ".expect.json"))
        #expect(expect["key_log"] as? String == name + ".keys")
        let (rows, tls, summary) = try Self.run(dir.appendingPathComponent(name), keys: dir.appendingPathComponent(name + ".keys"))
        #expect(summary.captureErrors.isEmpty, "\(summary.captureErrors)")
        if let packets = expect["packet_count"] as? Int { #expect(summary.packets == UInt64(packets)) }

        let wanted = expect["http_requests"] as? [[String: Any]] ?? []
        #expect(!wanted.isEmpty, "\(name): tshark decrypted no request; the capture is not a decryption test")
        var unused = rows
        var clientBySNIStream: [Int: String] = [:]
        for want in wanted {
            let method = want["method"] as? String, path = want["path"] as? String, client = want["client"] as? String
            if let stream = want["tcp_stream"] as? Int, let client { clientBySNIStream[stream] = client }
            guard let index = unused.firstIndex(where: { $0.method == method && $0.path == path && $0.client.description == client })
            else {
                Issue.record("\(name): request not found: \(method ?? "?") \(path ?? "?") from \(client ?? "?")")
                continue
            }
            let got = unused.remove(at: index)
            let what = "\(name) \(method ?? "") \(path ?? "")"
            #expect(got.tls?.decrypted == true, "\(what): tls.decrypted")
            #expect(got.httpVersion == want["http_version"] as? String, "\(what): http_version")
            #expect(got.host == want["host"] as? String, "\(what): host")
            #expect(got.server.description == want["server"] as? String, "\(what): server")
            #expect(got.bodyLength == want["body_length"] as? Int, "\(what): body_length")
            #expect(got.bodyDecodedLength == want["body_length_decoded"] as? Int, "\(what): body_length_decoded")
            #expect(got.status == want["response_status"] as? Int, "\(what): status")
        }
        #expect(unused.isEmpty, "\(name): \(unused.count) requests tshark did not report: \(unused.map { "\($0.method) \($0.path)" })")

        // A second opinion where the source project ships one: every row of Zeek's own http.log baseline
        // (fields id.orig_h, id.orig_p, id.resp_h, id.resp_p, method, host, uri, version, request_body_len,
        // status_code) is a request with the same values.
        let sourceTests = (expect["source_expectations"] as? [String: Any])?["tests"] as? [[String: Any]] ?? []
        for test in sourceTests {
            guard let log = test["http.log"] as? [String: Any], let fields = log["fields"] as? [String],
                  let records = log["records"] as? [[String]] else { continue }
            for record in records {
                let v = Dictionary(uniqueKeysWithValues: zip(fields, record))
                let match = rows.first {
                    $0.client.description == "\(v["id.orig_h"] ?? ""):\(v["id.orig_p"] ?? "")"
                        && $0.server.description == "\(v["id.resp_h"] ?? ""):\(v["id.resp_p"] ?? "")"
                        && $0.method == v["method"] && $0.host == v["host"] && $0.path == v["uri"]
                        && $0.httpVersion == v["version"] && String($0.bodyLength) == v["request_body_len"]
                        && $0.status.map(String.init) == v["status_code"]
                }
                #expect(match != nil, "\(name): Zeek's http.log row not found: \(record)")
            }
        }

        // SNIs: the multiset of server names equals tshark's, and a connection that carried a request has its
        // stream's name. tshark lists no stream without an SNI, so TLS rows without one are not compared.
        let sniRows = expect["tls_sni"] as? [[String: Any]] ?? []
        let wantNames = sniRows.compactMap { $0["server_name"] as? String }.sorted()
        let gotNames = tls.compactMap(\.metadata.sni).sorted()
        #expect(gotNames == wantNames, "\(name): SNIs")
        for row in sniRows {
            guard let stream = row["tcp_stream"] as? Int, let client = clientBySNIStream[stream] else { continue }
            let connection = tls.first { $0.client.description == client }
            #expect(connection?.metadata.sni == row["server_name"] as? String, "\(name) stream \(stream): sni")
            #expect(connection?.metadata.decrypted == true,
                    "\(name) stream \(stream): not decrypted (\(connection?.metadata.notDecryptedReason ?? "no TLS row"))")
        }
    }

    @Test("every SDK request is found with the server log's fields, over decrypted TLS", arguments: sdkCaptures)
    func sdk(_ name: String) throws {
        let dir = try #require(SharedCaptures.directory("sdk"))
        let truth = try SharedCaptures.jsonLines(dir.appendingPathComponent(name + ".truth.jsonl"))
        let (rows, tls, summary) = try Self.run(dir.appendingPathComponent(name + ".pcap"), keys: dir.appendingPathComponent(name + ".keys"))
        #expect(summary.captureErrors.isEmpty, "\(summary.captureErrors)")
        #expect(!truth.isEmpty)
        for connection in tls {
            #expect(connection.metadata.decrypted,
                    "\(name) \(connection.client) -> \(connection.server): \(connection.metadata.notDecryptedReason ?? "")")
        }

        var unused = rows
        for want in truth {
            let method = want["method"] as? String, client = want["client"] as? String
            let query = want["query"] as? String ?? ""
            let target = (want["path"] as? String ?? "") + (query.isEmpty ? "" : "?" + query)
            let candidates = unused.indices.filter {
                unused[$0].method == method && unused[$0].path == target && unused[$0].client.description == client
            }
            // HTTP/2 streams sent together reach the server's log in any order: prefer the same body length.
            guard let index = candidates.first(where: { unused[$0].bodyLength == want["body_len"] as? Int }) ?? candidates.first else {
                Issue.record("\(name): request not found: \(method ?? "?") \(want["host"] as? String ?? "?") \(want["path"] as? String ?? "?") from \(client ?? "?")")
                continue
            }
            let got = unused.remove(at: index)
            let what = "\(name) \(method ?? "") \(want["path"] as? String ?? "") from \(client ?? "")"
            #expect(got.httpVersion == want["http_version"] as? String, "\(what): http_version")
            #expect(got.host == want["host"] as? String, "\(what): host")
            #expect(got.server.description == want["server"] as? String, "\(what): server")
            #expect(got.bodyLength == want["body_len"] as? Int, "\(what): body_length")
            #expect(got.bodyDecodedLength == want["body_len_decoded"] as? Int, "\(what): body_length_decoded")
            #expect(got.status == want["response_status"] as? Int, "\(what): status")
            if want["scheme"] as? String == "https" {
                #expect(got.tls?.decrypted == true, "\(what): tls.decrypted")
                #expect(got.tls?.sni == want["host"] as? String, "\(what): the SDK names the host it posts to in the SNI")
            } else {
                #expect(got.tls == nil, "\(what): plaintext request with a tls object")
            }
        }
        #expect(unused.isEmpty, "\(name): \(unused.count) requests not in the server's log: \(unused.map { "\($0.method) \($0.path)" })")
    }

    /// The control for the test above: the same captures without their key logs give no HTTPS request,
    /// and every TLS connection says `no_key` (so the matches above come from decryption).
    @Test("without the key log, no SDK request over TLS is found and every connection says no_key", arguments: sdkCaptures)
    func sdkWithoutKeys(_ name: String) throws {
        let dir = try #require(SharedCaptures.directory("sdk"))
        let truth = try SharedCaptures.jsonLines(dir.appendingPathComponent(name + ".truth.jsonl"))
        var rows: [HTTPLogRecord] = []
        var tls: [TLSLogRecord] = []
        _ = try HTTPPipeline.run(paths: [dir.appendingPathComponent(name + ".pcap").path], keyLog: KeyLog(),
                                 onTLS: { tls.append($0) }, onRequest: { rows.append($0) })
        let plaintext = truth.filter { $0["scheme"] as? String == "http" }.count
        #expect(rows.count == plaintext, "\(name): \(rows.count) requests without keys, \(plaintext) sent in clear")
        #expect(rows.allSatisfy { $0.tls == nil })
        for connection in tls {
            #expect(!connection.metadata.decrypted)
            #expect(connection.metadata.notDecryptedReason == "no_key", "\(name) \(connection.client)")
        }
        #expect(tls.isEmpty == (plaintext == truth.count), "\(name): TLS connections iff HTTPS requests")
    }
}
