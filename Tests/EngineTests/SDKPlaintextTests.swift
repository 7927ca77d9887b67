import Foundation
import Testing
import Engine

/// `consenttap http` on the plaintext captures recorded from real vendor SDKs
/// (`../shared/captures/sdk/*.truth.jsonl`, rows with scheme `http`).
@Suite("Conformance: SDK plaintext captures")
struct SDKPlaintextTests {
    @Test("every plaintext SDK request is found with method, host, path, body length and status")
    func plaintext() throws {
        let dir = try #require(SharedCaptures.directory("sdk"))
        var checked = 0
        for truthURL in SharedCaptures.files(in: dir, suffix: ".truth.jsonl") {
            let truth = try SharedCaptures.jsonLines(truthURL).filter { ($0["scheme"] as? String) == "http" }
            guard !truth.isEmpty else { continue }
            let pcap = truthURL.path.replacingOccurrences(of: ".truth.jsonl", with: ".pcap")
            let (rows, summary) = try runHTTP([pcap])
            #expect(summary.captureErrors.isEmpty)
            var unused = rows
            for want in truth {
                let path = (want["path"] as? String ?? "") + ((want["query"] as? String).map { $0.isEmpty ? "" : "?" + $0 } ?? "")
                guard let i = unused.firstIndex(where: {
                    $0.method == want["method"] as? String && $0.path == path && $0.client.description == want["client"] as? String
                }) else {
                    Issue.record("\(truthURL.lastPathComponent): not found: \(want["method"] ?? "") \(path)")
                    continue
                }
                let got = unused.remove(at: i)
                #expect(got.host == want["host"] as? String)
                #expect(got.server.description == want["server"] as? String)
                #expect(got.bodyLength == want["body_len"] as? Int)
                #expect(got.bodyDecodedLength == want["body_len_decoded"] as? Int)
                #expect(got.status == want["response_status"] as? Int)
                checked += 1
            }
        }
        #expect(checked >= 20, "expected the plaintext SDK capture's requests")
    }
}
