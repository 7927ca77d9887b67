import Foundation
import Testing

/// The `consenttap` binary as scripts use it: exit statuses, stderr messages, stdout rows.
@Suite("Command line")
struct CommandLineTests {
    /// The binary built next to the tests (`swift build --build-tests` builds it too).
    static var binary: URL? {
        let buildDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build")
        for config in ["debug", "release"] {
            let candidates = [buildDir.appendingPathComponent(config).appendingPathComponent("consenttap")]
            if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) { return found }
        }
        return nil
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let binary = try #require(Self.binary, "consenttap binary not built (run swift build first)")
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SSLKEYLOGFILE"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test("a truncated capture is processed up to the damage, reported with its offset, exit status 3")
    func truncated() throws {
        let source = SharedCaptures.packageRoot.appendingPathComponent("captures/keepalive.pcap")
        let data = try Data(contentsOf: source)
        let cut = FileManager.default.temporaryDirectory.appendingPathComponent("consenttap-truncated-\(getpid()).pcap")
        try data.prefix(data.count * 2 / 3).write(to: cut)
        defer { try? FileManager.default.removeItem(at: cut) }
        let r = try Self.run(["http", cut.path])
        #expect(r.status == 3)
        #expect(r.stderr.contains("truncated"))
        #expect(r.stderr.contains("offset"))
        #expect(!r.stdout.isEmpty, "requests before the damage are still written")
    }

    @Test("a file that is not a capture, and a missing file, exit with status 2")
    func notACapture() throws {
        let r = try Self.run(["http", SharedCaptures.packageRoot.appendingPathComponent("README.md").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("consenttap: error:"))
        #expect(try Self.run(["http", "/nonexistent/capture.pcap"]).status == 2)
    }

    @Test("consent decode: JSON on success, exit 2 on a malformed string")
    func consentDecode() throws {
        let ok = try Self.run(["consent", "decode", "1YNN"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("\"outcome\":\"ok\""))
        let bad = try Self.run(["consent", "decode", "CP!!not-a-tc-string"])
        #expect(bad.status == 2)
        #expect(bad.stdout.contains("\"outcome\":\"error\""))
    }

    @Test("catalog match and a refused user catalog")
    func catalog() throws {
        let m = try Self.run(["catalog", "match", "https://graph.facebook.com/v19.0/1/events?access_token=x"])
        #expect(m.status == 0 && m.stdout.contains("vendor: meta_capi"))
        #expect(try Self.run(["catalog", "match", "https://example.com/"]).status == 1)
        // A collector under a customer's own name, and how the list shows such vendors.
        let sp = try Self.run(["catalog", "match", "https://collector.shop.example/com.snowplowanalytics.snowplow/tp2"])
        #expect(sp.status == 0 && sp.stdout.contains("vendor: snowplow") && sp.stdout.contains("endpoint_matched: true"))
        let list = try Self.run(["catalog", "list"])
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("snowplow ") && $0.hasSuffix("(any host, by path)") })
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("consenttap-bad-catalog-\(getpid()).yaml")
        try "version: 1\nvendors:\n  - id: x\n    purpose: nope\n    hosts: [a.example]\n".write(to: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: bad) }
        let r = try Self.run(["catalog", "list", "--catalog", bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(bad.path):4: unknown purpose 'nope'"))
    }

    @Test("analyze writes no raw e-mail or phone, and a summary per vendor")
    func analyzePrivacy() throws {
        let r = try Self.run(["analyze", SharedCaptures.packageRoot.appendingPathComponent("captures/trackers.pcap").path],
                             environment: ["CONSENTTAP_HASH_KEY": "k"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("forwards by vendor:"))
        #expect(!r.stdout.isEmpty)
        // The recorder's synthetic people use example.* addresses and 555-01xx numbers.
        #expect(r.stdout.range(of: #"[A-Za-z0-9._%+-]+@example\.(com|org|net)"#, options: .regularExpression) == nil)
        #expect(!r.stdout.contains("555-01"))
    }

    @Test("analyze gives the same rows in the same order with 1, 2 or 5 analysis threads")
    func analyzeThreads() throws {
        // The SDK captures (decrypted) and the own captures: over 64 forwards, so several batches travel.
        let sdk = try #require(SharedCaptures.directory("sdk"))
        let own = SharedCaptures.packageRoot.appendingPathComponent("captures")
        let files = SharedCaptures.files(in: sdk, suffix: ".pcap") + SharedCaptures.files(in: own, suffix: ".pcap")
        let keys = SharedCaptures.files(in: sdk, suffix: ".keys").flatMap { ["--keylog", $0.path] }
        let arguments = keys + files.map(\.path)
        let one = try Self.run(["analyze", "--threads", "1"] + arguments, environment: ["CONSENTTAP_HASH_KEY": "k"])
        #expect(one.status == 0)
        #expect(one.stdout.split(separator: "\n").count > 64)
        for n in ["2", "5"] {
            let many = try Self.run(["analyze", "--threads", n] + arguments, environment: ["CONSENTTAP_HASH_KEY": "k"])
            #expect(many.status == 0)
            #expect(many.stdout == one.stdout, "--threads \(n)")
            #expect(many.stderr == one.stderr, "--threads \(n)")
        }
    }
}
