import Primitives
import Capture
import Wire
import Streams
import HTTP1

/// Settings of one `http` run; every limit has a documented default in its own module.
package struct HTTPRunOptions: Sendable {
    /// Decoded request-body bytes kept per request (0 keeps none; lengths are always counted).
    package var retainedBodyBytes = 0
    package var decoderLimits = DecoderLimits()
    package var streamLimits = StreamLimits()
    package var http1Limits = HTTP1Limits()
    /// Records held back to restore first-packet order before being released anyway.
    package var maxReorderBufferedRecords = 100_000

    package init() {}
}

/// Totals of a run, printed as the summary on stderr.
package struct RunSummary: Sendable {
    package var packets: UInt64 = 0
    package var bytes: UInt64 = 0
    package var flows: UInt64 = 0
    package var requests: UInt64 = 0
    package var counters = CounterSet()
    package var captureErrors: [CaptureError] = []

    /// Human-readable lines: totals, then every non-zero counter, then capture damage.
    package var lines: [String] {
        var out = ["packets: \(packets)", "bytes: \(bytes)", "flows: \(flows)", "requests: \(requests)"]
        for (name, value) in counters.nonZero { out.append("\(name): \(value)") }
        for error in captureErrors { out.append("capture error: \(error)") }
        return out
    }
}

/// Capture -> Wire -> Streams -> HTTP: the synchronous pipeline behind `consenttap http`.
///
/// Feed packets in capture order with `process(_:)`, then call `finish()`. Records come out through
/// `output` in order of their first packet (see `RecordOrderer`). Single-threaded; not Sendable.
package final class HTTPPipeline {
    private var decoder: PacketDecoder
    private var reassembler: TCPReassembler<HTTPObserver>
    private var orderer: RecordOrderer<HTTPLogRecord>
    private let output: (HTTPLogRecord) -> Void
    private var packetIndex: UInt64 = 0
    private var bytes: UInt64 = 0
    private var lastTime = Timestamp.zero
    private static let releaseInterval: UInt64 = 4096

    package init(options: HTTPRunOptions = HTTPRunOptions(), output: @escaping (HTTPLogRecord) -> Void) {
        var http1Limits = options.http1Limits
        http1Limits.retainedBodyBytes = max(http1Limits.retainedBodyBytes, options.retainedBodyBytes)
        decoder = PacketDecoder(limits: options.decoderLimits)
        reassembler = TCPReassembler(handler: HTTPObserver(limits: http1Limits), limits: options.streamLimits)
        orderer = RecordOrderer(maxBuffered: options.maxReorderBufferedRecords)
        self.output = output
    }

    /// Decodes one packet and runs everything downstream of it.
    package func process(_ packet: CapturedPacket) {
        let ref = PacketRef(time: packet.timestamp, index: packetIndex)
        packetIndex += 1
        bytes &+= UInt64(packet.originalLength)
        if packet.timestamp > lastTime { lastTime = packet.timestamp }
        decoder.decode(packet.bytes, linkType: packet.linkType, packet: ref) { transport in
            if case .tcp(let segment) = transport { self.reassembler.process(segment) }
        }
        if !reassembler.handler.completed.isEmpty { drainCompleted() }
        if packetIndex % HTTPPipeline.releaseInterval == 0 {
            orderer.release(before: reassembler.handler.watermark, output)
        }
    }

    /// Ends every connection (end of capture) and releases all remaining records.
    package func finish() {
        reassembler.finish(now: lastTime)
        drainCompleted()
        orderer.release(before: nil, output)
    }

    /// Totals so far.
    package var summary: RunSummary {
        var s = RunSummary()
        s.packets = packetIndex
        s.bytes = bytes
        s.requests = UInt64(reassembler.handler.requestCount)
        var counters = decoder.counters
        counters.merge(reassembler.counters)
        counters.merge(reassembler.handler.counters)
        if orderer.forcedReleases > 0 { counters.add("output_order_buffer_overflow", orderer.forcedReleases) }
        s.flows = UInt64(reassembler.handler.flowCount)
        s.counters = counters
        return s
    }

    private func drainCompleted() {
        for record in reassembler.handler.completed { orderer.insert(record, key: record.firstPacket) }
        reassembler.handler.completed.removeAll(keepingCapacity: true)
    }
}

extension HTTPPipeline {
    /// Runs the pipeline over capture files (or "-") to the end; capture damage is in the summary.
    package static func run(paths: [String], options: HTTPRunOptions = HTTPRunOptions(),
                            progress: ((Int64, Int64?) -> Void)? = nil,
                            output: @escaping (HTTPLogRecord) -> Void) throws(CaptureError) -> RunSummary {
        let reader = try CaptureReader(paths: paths)
        let pipeline = HTTPPipeline(options: options, output: output)
        var n = 0
        while let packet = reader.next() {
            pipeline.process(packet)
            n += 1
            if n & 0x3FFF == 0, let progress { progress(reader.bytesRead, reader.totalBytes) }
        }
        pipeline.finish()
        var summary = pipeline.summary
        summary.captureErrors = reader.errors
        return summary
    }
}
