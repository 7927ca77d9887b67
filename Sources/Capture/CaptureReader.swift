import Primitives

/// Reads one or more capture files ("-" = stdin) merged by timestamp.
///
/// Formats: classic pcap (µs or ns, either byte order) and pcapng, chosen by magic number. Classic
/// pcap files given by path go through libpcap by default (`ClassicPcapReader.libpcap`); pcapng,
/// standard input and descriptors use the built-in streaming readers (1–4 MiB reads, no seeking).
///
/// Merge: every input stays open; `next()` returns the packet with the smallest timestamp among
/// the inputs' next packets (a k-way merge over a binary heap), ties going to the earlier input in
/// the list, so the same inputs always give the same order. Packets within one input keep file
/// order even when their timestamps go backwards.
///
/// Borrowing: a returned packet's `bytes` are valid until the next call to `next()`.
///
/// Damage: a truncated or corrupt input is read up to the damage, then closed; the damage is added
/// to `errors` and the other inputs go on. Opening throws only `cannotOpen` and `notACapture`
/// (an input that ends inside its magic number or file header is recorded as `truncated` instead).
///
/// Memory: one read buffer per input (4 MiB, or 1 MiB with more than 8 inputs; growing only for
/// a block larger than that, never beyond 300 MiB); no allocation per packet.
package final class CaptureReader {
    private var sources: [(any PacketSource)?]
    /// The input when it is the only one and read through libpcap (the usual case), called directly.
    private var only: LibpcapSource?
    /// Inputs whose format can carry key-log lines (pcapng), so that `decryptionSecretCount` looks
    /// at those only: classic pcap inputs never have any.
    private let secretInputs: [Int]
    private var heads: [CapturedPacket?]
    private var primed = false
    private var heap: MergeHeap
    private var finishedBytes: Int64 = 0
    private var finishedSecrets: [String] = []
    private var finishedAnomalies = CounterSet()
    private(set) package var errors: [CaptureError]
    /// Sum of the input sizes when every input is a regular file given by path, else nil.
    package let totalBytes: Int64?

    /// Opens every path ("-" = standard input). Throws the first `cannotOpen` / `notACapture`.
    package convenience init(paths: [String]) throws(CaptureError) {
        try self.init(inputs: paths.map { CaptureInput.path($0) })
    }

    /// Reads already open descriptors (pipes, stdin) with the built-in readers; they are not closed.
    package convenience init(fileDescriptors: [Int32]) throws(CaptureError) {
        try self.init(inputs: fileDescriptors.map { CaptureInput.fileDescriptor($0, name: "fd \($0)") })
    }

    /// Opens every input in order; `classicPcapReader` picks libpcap or the built-in reader for
    /// classic pcap files given by path.
    package init(inputs: [CaptureInput], classicPcapReader: ClassicPcapReader = .libpcap) throws(CaptureError) {
        var sources: [(any PacketSource)?] = []
        var errors: [CaptureError] = []
        var total: Int64? = 0
        let capacity = inputs.count > 8 ? 1 << 20 : 4 << 20
        if inputs.filter({ $0 == .path("-") }).count > 1 {
            throw CaptureError(kind: .cannotOpen, path: "-", message: "standard input (\"-\") given more than once")
        }
        for (index, input) in inputs.enumerated() {
            switch try InputOpener.open(input, index: index, classic: classicPcapReader, bufferCapacity: capacity) {
            case .source(let source, let size):
                sources.append(source)
                total = size.flatMap { s in total.map { $0 + s } }
            case .damaged(let error, let size):
                errors.append(error)
                total = size.flatMap { s in total.map { $0 + s } }
            }
        }
        self.sources = sources
        self.only = sources.count == 1 ? sources[0] as? LibpcapSource : nil
        self.secretInputs = sources.indices.filter { sources[$0] is PcapngSource }
        self.heads = Array(repeating: nil, count: sources.count)
        self.heap = MergeHeap(capacity: sources.count)
        self.errors = errors
        self.totalBytes = inputs.isEmpty ? nil : total
    }

    /// The next packet in timestamp order across all inputs; nil when every input has ended or
    /// been closed on damage.
    package func next() -> CapturedPacket? {
        // One input (the usual case): its packets in file order, no merge needed.
        if let only {
            if let packet = only.nextPacket() { return packet }
            self.only = nil   // ended: `pull` records its end (damage, bytes) and releases it
            return pull(0)
        }
        if sources.count == 1 { return pull(0) }
        if !primed {
            primed = true
            for i in sources.indices {
                heads[i] = pull(i)
                if let head = heads[i] { heap.insert(key: head.timestamp.nanoseconds, input: i) }
            }
        } else if let i = heap.top {
            // The previous call returned input i's head: move that input on.
            heads[i] = pull(i)
            if let head = heads[i] { heap.replaceTop(key: head.timestamp.nanoseconds) } else { heap.removeTop() }
        }
        guard let i = heap.top else { return nil }
        return heads[i]
    }

    /// Calls `body` with every remaining packet, in the order `next()` gives them (each borrowed for
    /// the call), until the inputs end or `body` returns false. One libpcap input is read in a
    /// direct loop: no per-packet dispatch through the reader.
    package func forEachPacket(_ body: (CapturedPacket) -> Bool) {
        if let source = only {
            while let packet = source.nextPacket() {
                if !body(packet) { return }
            }
            only = nil   // ended: `next()` lets `pull` record its end
        }
        while let packet = next() {
            if !body(packet) { return }
        }
    }

    /// Whether some input can carry key-log lines (pcapng Decryption Secrets Blocks).
    package var mayCarryDecryptionSecrets: Bool { !secretInputs.isEmpty }

    /// Input bytes consumed so far, for a progress bar.
    package var bytesRead: Int64 {
        sources.reduce(finishedBytes) { $0 + ($1?.bytesConsumed ?? 0) }
    }

    /// TLS key-log lines from pcapng Decryption Secrets Blocks seen so far, by input then file order.
    package var decryptionSecrets: [String] {
        var lines = finishedSecrets
        for source in sources { if let source { lines += source.decryptionSecrets } }
        return lines
    }

    /// How many key-log lines `decryptionSecrets` holds, without building it (cheap enough per packet).
    package var decryptionSecretCount: Int {
        secretInputs.reduce(finishedSecrets.count) { $0 + (sources[$1]?.decryptionSecrets.count ?? 0) }
    }

    /// Anomalies that did not stop reading (e.g. `pcapng_unknown_block_skipped`), plus
    /// `capture_input_damaged` per input closed on damage.
    package var counters: CounterSet {
        var set = finishedAnomalies
        for source in sources { if let source { for (k, v) in source.anomalies { set.add(k, v) } } }
        if !errors.isEmpty { set.add("capture_input_damaged", UInt64(errors.count)) }
        return set
    }

    /// Next packet of input `i`; at its end, records damage and releases the input's buffers.
    private func pull(_ i: Int) -> CapturedPacket? {
        guard let source = sources[i] else { return nil }
        if let packet = source.nextPacket() { return packet }
        if let damage = source.damage { errors.append(damage) }
        finishedBytes += source.bytesConsumed
        finishedSecrets += source.decryptionSecrets
        for (k, v) in source.anomalies { finishedAnomalies.add(k, v) }
        sources[i] = nil
        return nil
    }
}
