import Foundation
import Testing
import Primitives
import Capture
import Catalog
import Engine
@testable import Live

/// `LivePipeline.tick`: with no packet coming, time still advances and idle flows close.
@Suite("LivePipeline")
struct LivePipelineTests {
    static let segment = LiveWorkerTests.sdk.appendingPathComponent("segment.pcap")

    /// The first `count` packets of segment.pcap (a TLS connection to api.segment.io, no FIN among them).
    static func feed(_ pipeline: LivePipeline, count: Int) throws {
        let reader = try CaptureReader(paths: [segment.path])
        var n = 0
        while n < count, let packet = reader.next() {
            pipeline.process(packet)
            n += 1
        }
    }

    @Test("an open TLS connection to a vendor comes out (payload not visible) once idle past the timeout")
    func tickClosesIdleFlows() throws {
        try #require(FileManager.default.fileExists(atPath: Self.segment.path), "shared capture segment.pcap missing")
        let analyzer = ForwardAnalyzer(options: AnalyzeOptions(catalog: CatalogParser.embedded(), hashKey: [1]))
        var forwards: [ForwardRecord] = []
        var requests = 0
        let pipeline = LivePipeline(onTLS: { if let f = analyzer.analyze(tls: $0, learnedHost: nil) { forwards.append(f) } },
                                    onRequest: { _ in requests += 1 })
        try Self.feed(pipeline, count: 12)
        #expect(pipeline.activeFlows == 1)
        let last = pipeline.lastTime
        pipeline.tick(now: Timestamp(nanoseconds: last.nanoseconds + 1_000_000_000))
        #expect(forwards.isEmpty)                                   // 1 s idle: still open
        pipeline.tick(now: Timestamp(nanoseconds: last.nanoseconds - 5_000_000_000))   // the past: ignored
        #expect(pipeline.activeFlows == 1)
        pipeline.tick(now: Timestamp(nanoseconds: last.nanoseconds + 301_000_000_000))  // past the 300 s idle timeout
        #expect(pipeline.activeFlows == 0)
        #expect(forwards.count == 1)
        #expect(forwards.first?.vendor == "segment")
        #expect(forwards.first?.payloadVisible == false)
        #expect(requests == 0)
    }

    @Test("finish hands out what is still open")
    func finish() throws {
        try #require(FileManager.default.fileExists(atPath: Self.segment.path), "shared capture segment.pcap missing")
        var rows = 0
        let pipeline = LivePipeline(onTLS: { _ in rows += 1 }, onRequest: { _ in })
        try Self.feed(pipeline, count: 12)
        #expect(rows == 0)
        pipeline.finish()
        #expect(rows == 1)
        #expect(pipeline.packets == 12)
    }
}
