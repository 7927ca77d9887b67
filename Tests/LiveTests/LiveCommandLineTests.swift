import Foundation
import Testing

/// `consenttap check-config` and `consenttap live`'s refusals, through the built binary.
@Suite("Command line: live and check-config")
struct LiveCommandLineTests {
    static var binary: URL? {
        let buildDir = LiveWorkerTests.packageRoot.appendingPathComponent(".build")
        return ["debug", "release"].map { buildDir.appendingPathComponent($0).appendingPathComponent("consenttap") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = try #require(binary, "consenttap binary not built (run swift build first)")
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SSLKEYLOGFILE"] = nil
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("consenttap-live-cli-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("check-config: a good file exits 0; a bad one lists FILE:LINE:COLUMN problems and exits 2")
    func checkConfig() throws {
        let good = try Self.file("interfaces: [eth0]\nworkers: 2\nmetrics: 127.0.0.1:9464\n")
        defer { try? FileManager.default.removeItem(atPath: good) }
        let ok = try Self.run(["check-config", good])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("ok"))
        let bad = try Self.file("interfaces: [eth0]\nworkers: many\nsnaplenn: 100\n")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let r = try Self.run(["check-config", bad])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(bad):2:10: 'workers' must be an integer"))
        #expect(r.stderr.contains("\(bad):3:1: unknown setting 'snaplenn' (did you mean 'snaplen'?)"))
        let missingCatalog = try Self.file("catalog: /nonexistent/catalog.yaml\n")
        defer { try? FileManager.default.removeItem(atPath: missingCatalog) }
        let m = try Self.run(["check-config", missingCatalog])
        #expect(m.status == 2)
        #expect(m.stderr.contains("cannot read catalog /nonexistent/catalog.yaml"))
    }

    @Test("live refuses without an interface, with an unknown interface, and with a bad config (exit 2)")
    func liveRefusals() throws {
        let none = try Self.run(["live"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no interface"))
        let unknown = try Self.run(["live", "-i", "ct-no-such-if0"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("cannot open live capture"))
        let bad = try Self.file("interfaces: eth0\nworkers: 0\n")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        let b = try Self.run(["live", "--config", bad])
        #expect(b.status == 2)
        #expect(b.stderr.contains(":2:10: workers must be between 1 and 256"))
        let follow = try Self.run(["live", "-i", "lo", "--follow"])
        #expect(follow.status == 2)
        #expect(follow.stderr.contains("follow needs a consent feed file"))
    }
}
