import Foundation
import Testing
import Primitives
import Capture
import Catalog
import Engine
import TLS
@testable import Live

/// Live workers against `analyze` on the SDK captures (`../shared/captures/sdk`): packets dispatched
/// by flow hash to 1 or 2 workers give the same forwards as the file pipeline (uids aside: live makes
/// them unique across workers).
@Suite("LiveWorker: SDK captures through the dispatcher")
struct LiveWorkerTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sdk = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/captures/sdk")
    static let names = ["plaintext_http", "facebook_business", "ga4_mp", "http2", "mixpanel", "segment"]
    static let hashKey = Array("live-test-key".utf8)

    static func keys(_ name: String) -> String {
        FileManager.default.contents(atPath: sdk.appendingPathComponent(name + ".keys").path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The forwards of `analyze`, as JSON lines without uid, sorted.
    static func analyzeLines(_ name: String) throws -> [String] {
        let keyLog = KeyLog()
        keyLog.add(text: keys(name))
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: hashKey))
        var options = HTTPRunOptions()
        options.retainedBodyBytes = 1 << 20
        var out: [String] = []
        var pipeline: HTTPPipeline?
        func add(_ f: ForwardRecord?) {
            guard let f else { return }
            var json = JSONWriter()
            f.write(to: &json)
            out.append(String(decoding: json.bytes, as: UTF8.self))
        }
        let reader = try CaptureReader(paths: [sdk.appendingPathComponent(name + ".pcap").path])
        let p = HTTPPipeline(options: options, keyLog: keyLog, onTLS: { add(analyzer.analyze(tls: $0, learnedHost: pipeline?.hosts.name(for: $0.server.address))) },
                             onRequest: { add(analyzer.analyze($0, learnedHost: pipeline?.hosts.name(for: $0.server.address))) })
        pipeline = p
        _ = HTTPPipeline.drive(p, reader: reader)
        return try normalised(out)
    }

    /// The forwards of live workers fed through the dispatcher's hash and queues.
    static func liveLines(_ name: String, workers: Int) throws -> (lines: [String], uidsConsistent: Bool) {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).jsonl").path
        let fd = open(outPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        try #require(fd >= 0)
        let sink = ForwardSink(fd: fd)
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: hashKey))
        let box = AnalysisBox(LiveAnalysis(analyzer: analyzer, consent: nil))
        let queues = (0..<workers).map { _ in PacketRing(slots: 1 << 16, bytes: 64 << 20) }
        let ws = (0..<workers).map { LiveWorker(index: $0, of: workers, queues: [queues[$0]]) }
        for w in ws { w.post(keyLog: keys(name)) }
        let reader = try CaptureReader(paths: [sdk.appendingPathComponent(name + ".pcap").path])
        while let packet = reader.next() {
            let key = FlowHash.key(packet.bytes, linkType: packet.linkType)
            let targets = key.isDNS ? Array(0..<workers) : [FlowHash.worker(for: key.hash, count: workers)]
            for t in targets {
                #expect(queues[t].push(packet.bytes, timestamp: packet.timestamp, originalLength: packet.originalLength, linkType: packet.linkType))
            }
        }
        var runOptions = HTTPRunOptions()
        runOptions.retainedBodyBytes = 1 << 20
        let options = runOptions
        // A clock stuck at 0: the workers never tick past packet time, as in a file replay.
        let threads = ws.map { w in LiveThread.spawn(name: "test-worker") { w.run(options: options, analysis: box, sink: sink, clock: { .zero }) } }
        for w in ws { w.stop() }
        for t in threads { t.join() }
        close(fd)
        let text = try String(contentsOfFile: outPath, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: outPath)
        let raw = text.split(separator: "\n").map(String.init)
        // A uid names one connection: every forward with a given uid has the same client endpoint.
        var clientsByUID: [Int: Set<String>] = [:]
        for line in raw {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            clientsByUID[try #require(object["uid"] as? Int), default: []].insert(object["client"] as? String ?? "")
        }
        return (try normalised(raw), clientsByUID.values.allSatisfy { $0.count == 1 })
    }

    static func normalised(_ lines: [String]) throws -> [String] {
        try lines.map { line in
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            object["uid"] = nil
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.sorted()
    }

    @Test("the shared SDK captures are present")
    func present() {
        if !FileManager.default.fileExists(atPath: Self.sdk.path) {
            Issue.record("shared captures missing at \(Self.sdk.path): these conformance tests cannot run")
        }
    }

    @Test("1 and 2 workers give analyze's forwards", arguments: names)
    func sameForwards(_ name: String) throws {
        try #require(FileManager.default.fileExists(atPath: Self.sdk.appendingPathComponent(name + ".pcap").path),
                     "shared capture \(name).pcap missing")
        let expected = try Self.analyzeLines(name)
        #expect(!expected.isEmpty)
        for workers in [1, 2] {
            let (lines, uidsConsistent) = try Self.liveLines(name, workers: workers)
            #expect(lines == expected, "\(name) with \(workers) worker(s)")
            #expect(uidsConsistent, "\(name): a uid shared by two connections")
        }
    }
}

/// A reload (new `AnalysisBox` generation) reaches a running worker between packets, flows kept.
@Suite("LiveWorker: reload while running")
struct LiveWorkerReloadTests {
    @Test("forwards after the swap follow the new settings; the worker's flows carry on")
    func reload() throws {
        let pcap = LiveWorkerTests.sdk.appendingPathComponent("plaintext_http.pcap")
        try #require(FileManager.default.fileExists(atPath: pcap.path), "shared capture plaintext_http.pcap missing")
        let catalog = CatalogParser.embedded()
        let before = ForwardAnalyzer(options: AnalyzeOptions(catalog: catalog, hashKey: [1]))
        var everythingFirstParty = AnalyzeOptions(catalog: catalog, hashKey: [1])
        everythingFirstParty.firstPartyDomains = ["com", "io", "net", "org", "localhost", "test", "example"]
        let box = AnalysisBox(LiveAnalysis(analyzer: before, consent: nil))
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).jsonl").path
        let fd = open(outPath, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        try #require(fd >= 0)
        let sink = ForwardSink(fd: fd)
        let queue = PacketRing(slots: 1 << 14, bytes: 16 << 20)
        let worker = LiveWorker(index: 0, of: 1, queues: [queue])
        var packets: [(bytes: [UInt8], time: Timestamp, length: Int, link: LinkType)] = []
        let reader = try CaptureReader(paths: [pcap.path])
        while let p = reader.next() { packets.append((Array(p.bytes), p.timestamp, p.originalLength, p.linkType)) }
        let thread = LiveThread.spawn(name: "test-worker") {
            worker.run(options: HTTPRunOptions(), analysis: box, sink: sink, clock: { .zero })
        }
        func push(_ range: Range<Int>) {
            for p in packets[range] {
                _ = p.bytes.withUnsafeBytes { queue.push($0, timestamp: p.time, originalLength: p.length, linkType: p.link) }
            }
            while queue.count > 0 { sleepMicroseconds(1000) }
            sleepMicroseconds(20_000)   // the last packet popped is processed
        }
        let half = packets.count / 2
        push(0..<half)
        let firstHalf = sink.snapshot.forwards.values.reduce(0, +)
        box.replace(LiveAnalysis(analyzer: ForwardAnalyzer(options: everythingFirstParty), consent: nil))
        push(half..<packets.count)
        worker.stop()
        thread.join()
        close(fd)
        try? FileManager.default.removeItem(atPath: outPath)
        let total = sink.snapshot.forwards.values.reduce(0, +)
        let withoutReload = try LiveWorkerTests.analyzeLines("plaintext_http").count
        #expect(firstHalf > 0)
        #expect(firstHalf < withoutReload, "the second half has forwards of its own to suppress")
        #expect(total == firstHalf, "no forward after every host became first-party")
        #expect(worker.figures.packets == UInt64(packets.count))
        #expect(worker.figures.finished)
    }
}
