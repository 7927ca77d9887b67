import Primitives
import Capture
import Wire
import DNS
import Streams
import TLS
import Engine

/// The per-worker pipeline of live mode: Capture -> Wire -> Streams -> TLS -> HTTP/1, HTTP/2, like
/// `HTTPPipeline`, but built for a clock that never stops.
///
/// - Records are handed out as soon as their connection completes them (no reorder buffer: a live
///   forward must be out within a second, and each worker owns only some of the connections anyway).
///   Order across connections is therefore completion order, not first-packet order.
/// - `tick(now:)` advances packet time when no packet comes, so idle flows close and their pending
///   records come out; the caller passes the wall clock, never earlier than the last packet seen.
/// - Each worker owns one, with its own `KeyLog` (not thread-safe); `keyLog.add(text:)` may be called
///   between packets, and connections waiting for keys retry on their next bytes. TLS records are
///   held for their keys (`TLSConnection.Limits.pendingBytes`, raised to its default when the options
///   carry the file setting 0). DNS answers are always learnt.
/// Single-threaded; every limit is the one of `HTTPRunOptions`.
package final class LivePipeline {
    private var decoder: PacketDecoder
    private var reassembler: TCPReassembler<HTTPObserver>
    package let keyLog: KeyLog
    package private(set) var hosts = HostLearner()
    private let onRequest: (HTTPLogRecord) -> Void
    private let onTLS: (TLSLogRecord) -> Void
    package private(set) var packets: UInt64 = 0
    package private(set) var bytes: UInt64 = 0
    package private(set) var lastTime = Timestamp.zero

    package init(options: HTTPRunOptions = HTTPRunOptions(), keyLog: KeyLog = KeyLog(),
                 onTLS: @escaping (TLSLogRecord) -> Void, onRequest: @escaping (HTTPLogRecord) -> Void) {
        // Records must wait for keys logged after them: a file run's `pendingBytes` 0 would make every
        // connection whose keys are not there yet opaque for good.
        var tlsLimits = options.tlsLimits
        if tlsLimits.pendingBytes == 0 { tlsLimits.pendingBytes = TLSConnection.Limits().pendingBytes }
        self.keyLog = keyLog
        decoder = PacketDecoder(limits: options.decoderLimits)
        reassembler = TCPReassembler(handler: options.makeObserver(keyLog: keyLog, tlsLimits: tlsLimits),
                                     limits: options.streamLimits)
        self.onRequest = onRequest
        self.onTLS = onTLS
    }

    /// Decodes one packet (bytes borrowed during the call) and hands out what it completed.
    package func process(_ packet: CapturedPacket) {
        let ref = PacketRef(time: packet.timestamp, index: packets)
        packets += 1
        bytes &+= UInt64(packet.originalLength)
        if packet.timestamp > lastTime { lastTime = packet.timestamp }
        decoder.decode(packet.bytes, linkType: packet.linkType, packet: ref) { transport in
            switch transport {
            case .tcp(let segment): self.reassembler.process(segment)
            case .udp(let datagram): self.hosts.observe(datagram)
            }
        }
        drain()
    }

    /// Advances time without a packet: closes flows idle past `StreamLimits.idleTimeout`.
    /// Times earlier than the last packet are ignored.
    package func tick(now: Timestamp) {
        guard now > lastTime else { return }
        lastTime = now
        reassembler.expireIdle(now: now)
        drain()
    }

    /// Ends every connection (shutdown) and hands out everything left.
    package func finish() {
        reassembler.finish(now: lastTime)
        drain()
    }

    /// Flows currently open.
    package var activeFlows: Int { reassembler.activeFlowCount }

    /// Requests parsed and TCP flows opened so far.
    package var requests: UInt64 { UInt64(reassembler.handler.requestCount) }
    package var flows: UInt64 { UInt64(reassembler.handler.flowCount) }

    /// Every anomaly and cap counter of the stages so far.
    package var counters: CounterSet {
        var counters = decoder.counters
        counters.merge(reassembler.counters)
        counters.merge(reassembler.handler.counters)
        if hosts.malformedResponses > 0 { counters.add("dns_malformed_response", UInt64(hosts.malformedResponses)) }
        if keyLog.malformedLines > 0 { counters.add("keylog_malformed_line", UInt64(keyLog.malformedLines)) }
        if keyLog.droppedOverCap > 0 { counters.add("keylog_over_cap", UInt64(keyLog.droppedOverCap)) }
        return counters
    }

    private func drain() {
        if !reassembler.handler.completed.isEmpty {
            for record in reassembler.handler.completed { onRequest(record) }
            reassembler.handler.completed.removeAll(keepingCapacity: true)
        }
        if !reassembler.handler.completedTLS.isEmpty {
            for record in reassembler.handler.completedTLS { onTLS(record) }
            reassembler.handler.completedTLS.removeAll(keepingCapacity: true)
        }
    }
}
