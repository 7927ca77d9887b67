import Primitives
import Capture
import Wire
import DNS
import Streams
import TLS
import HTTP1
import HTTP2

/// Settings of one run; every limit has a documented default in its own module.
package struct HTTPRunOptions: Sendable {
    /// Decoded request-body bytes kept per request (0 keeps none; lengths are always counted).
    package var retainedBodyBytes = 0
    package var decoderLimits = DecoderLimits()
    package var streamLimits = StreamLimits()
    package var http1Limits = HTTP1Limits()
    package var http2Limits = HTTP2Limits()
    /// TLS limits. For files, records are not held waiting for keys (`pendingBytes` 0: the key log is
    /// complete before the run); live mode raises it so that secrets logged late still apply.
    package var tlsLimits: TLSConnection.Limits = {
        var l = TLSConnection.Limits()
        l.pendingBytes = 0
        return l
    }()
    /// Learn server names from DNS answers (needed by `analyze`, not by `http`).
    package var learnHostsFromDNS = false
    /// Records held back to restore first-packet order before being released anyway.
    package var maxReorderBufferedRecords = 100_000
    /// Retained body bytes those held records may hold in total before the oldest are released anyway.
    package var maxReorderBufferedBodyBytes = 256 << 20

    package init() {}
}

extension HTTPRunOptions {
    /// The stream handler these options describe: `retainedBodyBytes` raises both HTTP versions' body
    /// retention, TLS uses `tlsLimits` unless the caller overrides them (live mode holds records for keys).
    package func makeObserver(keyLog: KeyLog, tlsLimits: TLSConnection.Limits? = nil) -> HTTPObserver {
        var http1 = http1Limits
        http1.retainedBodyBytes = max(http1.retainedBodyBytes, retainedBodyBytes)
        var http2 = http2Limits
        http2.retainedBodyBytes = max(http2.retainedBodyBytes, retainedBodyBytes)
        return HTTPObserver(http1Limits: http1, http2Limits: http2, keyLog: keyLog, tlsLimits: tlsLimits ?? self.tlsLimits)
    }
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
        for (name, value) in counters.nonZero where name != "packets" { out.append("\(name): \(value)") }
        for error in captureErrors { out.append("capture error: \(error)") }
        return out
    }
}

/// Capture -> Wire -> Streams -> TLS -> HTTP/1, HTTP/2: the synchronous pipeline behind `http`,
/// `tls` and `analyze`.
///
/// Feed packets in capture order with `process(_:)`, then call `finish()`. Requests come out through
/// `onRequest` in order of their first packet (see `RecordOrderer`), TLS connections through `onTLS`
/// in order of their first packet. DNS answers seen on the way are learnt (`hosts`). Single-threaded.
package final class HTTPPipeline {
    private var decoder: PacketDecoder
    private var reassembler: TCPReassembler<HTTPObserver>
    private var requests: RecordOrderer<HTTPLogRecord>
    private var tlsRows: RecordOrderer<TLSLogRecord>
    private let onRequest: (HTTPLogRecord) -> Void
    private let onTLS: ((TLSLogRecord) -> Void)?
    package let keyLog: KeyLog
    /// Server addresses learnt from DNS answers earlier in the capture.
    package private(set) var hosts = HostLearner()
    private let learnHosts: Bool
    private var packetIndex: UInt64 = 0
    private var bytes: UInt64 = 0
    private var lastTime = Timestamp.zero
    private static let releaseInterval: UInt64 = 4096

    package init(options: HTTPRunOptions = HTTPRunOptions(), keyLog: KeyLog = KeyLog(),
                 onTLS: ((TLSLogRecord) -> Void)? = nil, onRequest: @escaping (HTTPLogRecord) -> Void) {
        self.keyLog = keyLog
        decoder = PacketDecoder(limits: options.decoderLimits)
        reassembler = TCPReassembler(handler: options.makeObserver(keyLog: keyLog), limits: options.streamLimits)
        requests = RecordOrderer(maxBuffered: options.maxReorderBufferedRecords,
                                 maxBufferedWeight: options.maxReorderBufferedBodyBytes)
        tlsRows = RecordOrderer(maxBuffered: options.maxReorderBufferedRecords)
        self.onRequest = onRequest
        self.onTLS = onTLS
        learnHosts = options.learnHostsFromDNS
    }

    /// Decodes one packet and runs everything downstream of it.
    package func process(_ packet: CapturedPacket) {
        let ref = PacketRef(time: packet.timestamp, index: packetIndex)
        packetIndex += 1
        bytes &+= UInt64(packet.originalLength)
        if packet.timestamp > lastTime { lastTime = packet.timestamp }
        decoder.decode(packet.bytes, linkType: packet.linkType, packet: ref) { transport in
            switch transport {
            case .tcp(let segment): self.reassembler.process(segment)
            case .udp(let datagram): if self.learnHosts { self.hosts.observe(datagram) }
            }
        }
        if !reassembler.handler.completed.isEmpty || !reassembler.handler.completedTLS.isEmpty { drainCompleted() }
        if !reassembler.handler.completedDNS.isEmpty {
            if learnHosts {
                for (message, packet) in reassembler.handler.completedDNS {
                    message.withUnsafeBytes { hosts.observe(message: $0, at: packet) }
                }
            }
            reassembler.handler.completedDNS.removeAll(keepingCapacity: true)
        }
        if packetIndex % HTTPPipeline.releaseInterval == 0 {
            requests.release(before: reassembler.handler.watermark, onRequest)
        }
    }

    /// Ends every connection (end of capture) and releases all remaining records.
    package func finish() {
        reassembler.finish(now: lastTime)
        drainCompleted()
        requests.release(before: nil, onRequest)
        if let onTLS { tlsRows.release(before: nil, onTLS) }
    }

    /// Totals so far.
    package var summary: RunSummary {
        var s = RunSummary()
        s.packets = packetIndex
        s.bytes = bytes
        s.requests = UInt64(reassembler.handler.requestCount)
        s.flows = UInt64(reassembler.handler.flowCount)
        var counters = decoder.counters
        counters.merge(reassembler.counters)
        counters.merge(reassembler.handler.counters)
        if requests.forcedReleases > 0 { counters.add("output_order_buffer_overflow", requests.forcedReleases) }
        if hosts.malformedResponses > 0 { counters.add("dns_malformed_response", UInt64(hosts.malformedResponses)) }
        if keyLog.malformedLines > 0 { counters.add("keylog_malformed_line", UInt64(keyLog.malformedLines)) }
        s.counters = counters
        return s
    }

    private func drainCompleted() {
        // Records are moved, not copied, into the orderer (reversed, then popped in their order).
        reassembler.handler.completed.reverse()
        while let record = reassembler.handler.completed.popLast() {
            let key = record.firstPacket, weight = record.body.count
            requests.insert(record, key: key, weight: weight)
        }
        if requests.bufferedWeight > requests.maxBufferedWeight {
            requests.release(before: reassembler.handler.watermark, onRequest)
        }
        if onTLS != nil {
            for record in reassembler.handler.completedTLS { tlsRows.insert(record, key: record.firstPacket) }
        }
        reassembler.handler.completedTLS.removeAll(keepingCapacity: true)
    }
}

extension HTTPPipeline {
    /// Runs the pipeline over capture files (or "-") to the end; capture damage is in the summary.
    /// Key-log lines embedded in pcapng files (Decryption Secrets Blocks) are added to the key log.
    package static func run(paths: [String], options: HTTPRunOptions = HTTPRunOptions(), keyLog: KeyLog = KeyLog(),
                            progress: ((Int64, Int64?) -> Void)? = nil,
                            onTLS: ((TLSLogRecord) -> Void)? = nil,
                            onRequest: @escaping (HTTPLogRecord) -> Void) throws(CaptureError) -> RunSummary {
        let reader = try CaptureReader(paths: paths)
        let pipeline = HTTPPipeline(options: options, keyLog: keyLog, onTLS: onTLS, onRequest: onRequest)
        var summary = drive(pipeline, reader: reader, progress: progress)
        summary.captureErrors = reader.errors
        return summary
    }

    /// Feeds every packet of `reader` through `pipeline`, then finishes it. Key-log lines from pcapng
    /// Decryption Secrets Blocks go to the pipeline's key log as they are read.
    package static func drive(_ pipeline: HTTPPipeline, reader: CaptureReader,
                              progress: ((Int64, Int64?) -> Void)? = nil) -> RunSummary {
        var secretsFed = 0
        var n = 0
        let secrets = reader.mayCarryDecryptionSecrets
        reader.forEachPacket { packet in
            if secrets, reader.decryptionSecretCount > secretsFed {
                for line in reader.decryptionSecrets[secretsFed...] { pipeline.keyLog.add(text: line) }
                secretsFed = reader.decryptionSecrets.count
            }
            pipeline.process(packet)
            n += 1
            if n & 0x3FFF == 0, let progress { progress(reader.bytesRead, reader.totalBytes) }
            return true
        }
        if let progress { progress(reader.bytesRead, reader.totalBytes) }
        pipeline.finish()
        var summary = pipeline.summary
        summary.counters.merge(reader.counters)
        return summary
    }
}
