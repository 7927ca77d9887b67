import Primitives

/// Addresses learnt from one DNS response: the name the client asked for and the A/AAAA answers
/// reached from it (through CNAME chains).
package struct DNSAnswerSet: Sendable, Equatable {
    package var question: String
    package var addresses: [IPAddress]
}

/// Why a DNS message could not be read (RFC 1035 §4.1).
package enum DNSError: Error, Equatable {
    case truncated(offset: Int)
    case badLabel(offset: Int)
    case compressionLoop(offset: Int)
}

/// Reads the answers of a DNS response (RFC 1035 §4.1): header, questions, answer records with name
/// compression. Only responses (QR = 1) with RCODE 0 give answers. Bounded: names are at most 255
/// bytes, compression pointers are followed at most 32 times, at most 64 answers are read.
package enum DNSMessage {
    package static func answers(_ bytes: UnsafeRawBufferPointer) throws(DNSError) -> DNSAnswerSet? {
        guard bytes.count >= 12 else { throw .truncated(offset: bytes.count) }
        let flags = bytes.loadBigEndianUInt16(at: 2)
        guard flags & 0x8000 != 0, flags & 0x000F == 0 else { return nil }
        let qdcount = Int(bytes.loadBigEndianUInt16(at: 4))
        let ancount = min(Int(bytes.loadBigEndianUInt16(at: 6)), 64)
        guard qdcount >= 1 else { return nil }
        var offset = 12
        var question = ""
        for i in 0..<qdcount {
            let (name, next) = try readName(bytes, at: offset)
            if i == 0 { question = name }
            offset = next + 4
            guard offset <= bytes.count else { throw .truncated(offset: offset) }
        }
        let questionOffset = 12
        var aliases: [String] = [question]   // the question and the CNAME targets it leads to (few)
        var addresses: [IPAddress] = []
        for _ in 0..<ancount {
            // The usual owner is a pointer to the question's name: no need to spell it out.
            let ownerIsQuestion = offset + 1 < bytes.count && bytes[offset] == 0xC0 && Int(bytes[offset + 1]) == questionOffset
            let (owner, next) = ownerIsQuestion ? (question, offset + 2) : try readName(bytes, at: offset)
            guard next + 10 <= bytes.count else { throw .truncated(offset: next) }
            let type = bytes.loadBigEndianUInt16(at: next)
            let length = Int(bytes.loadBigEndianUInt16(at: next + 8))
            let data = next + 10
            guard data + length <= bytes.count else { throw .truncated(offset: data) }
            let ownerIsAsked = aliases.contains(owner)
            switch type {
            case 1 where length == 4 && ownerIsAsked, 28 where length == 16 && ownerIsAsked:
                if let a = IPAddress(bytes: UnsafeRawBufferPointer(rebasing: bytes[data..<data + length])) { addresses.append(a) }
            case 5 where ownerIsAsked:
                let (target, _) = try readName(bytes, at: data)
                if !aliases.contains(target) { aliases.append(target) }
            default:
                break
            }
            offset = data + length
        }
        return DNSAnswerSet(question: question, addresses: addresses)
    }

    /// Reads a possibly compressed name; returns it lowercased without the final dot, and the offset
    /// just after it in the original position.
    static func readName(_ bytes: UnsafeRawBufferPointer, at start: Int) throws(DNSError) -> (String, Int) {
        // The name is spelt into a fixed 256-byte buffer (a name is at most 255 bytes): no array growth.
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { labels throws(DNSError) -> (String, Int) in
            var count = 0
            var offset = start
            var end: Int?
            var jumps = 0
            while true {
                guard offset < bytes.count else { throw .truncated(offset: offset) }
                let len = Int(bytes[offset])
                if len == 0 {
                    if end == nil { end = offset + 1 }
                    break
                }
                if len & 0xC0 == 0xC0 {
                    guard offset + 1 < bytes.count else { throw .truncated(offset: offset) }
                    if end == nil { end = offset + 2 }
                    jumps += 1
                    guard jumps <= 32 else { throw .compressionLoop(offset: offset) }
                    offset = (len & 0x3F) << 8 | Int(bytes[offset + 1])
                    continue
                }
                guard len & 0xC0 == 0 else { throw .badLabel(offset: offset) }
                guard offset + 1 + len <= bytes.count else { throw .truncated(offset: offset) }
                guard count + (count > 0 ? 1 : 0) + len <= 255 else { throw .badLabel(offset: offset) }
                if count > 0 { labels[count] = UInt8(ascii: "."); count += 1 }
                for b in bytes[(offset + 1)..<(offset + 1 + len)] {
                    labels[count] = b.asciiLowercased
                    count += 1
                }
                offset += 1 + len
            }
            return (String(decoding: UnsafeBufferPointer(rebasing: labels[..<count]), as: UTF8.self), end!)
        }
    }
}

/// Remembers which host name each server address was resolved from, as seen in DNS answers earlier
/// in the capture. Bounded: past `capacity` entries the table is halved (oldest first).
package struct HostLearner {
    /// The names each address was given, oldest first, with the packet of the answer (at most
    /// `namesPerAddress`), and the order of the address's latest answer (for eviction).
    private var names: [IPAddress: (given: [(name: String, packet: UInt64)], order: UInt64)] = [:]
    private var order: UInt64 = 0
    private static let namesPerAddress = 4
    package let capacity: Int
    package private(set) var malformedResponses = 0
    package private(set) var evictions = 0

    package init(capacity: Int = 100_000) { self.capacity = capacity }

    /// Learns from a UDP datagram if it is a DNS response (source port 53).
    package mutating func observe(_ datagram: UDPDatagram) {
        guard datagram.source.port == 53 else { return }
        observe(message: datagram.payload, at: datagram.packet)
    }

    /// Learns from one DNS message (a UDP payload, or a message of DNS over TCP without its length)
    /// carried by `packet`.
    package mutating func observe(message: UnsafeRawBufferPointer, at packet: PacketRef) {
        do {
            guard let set = try DNSMessage.answers(message) else { return }
            for address in set.addresses {
                order += 1
                var given = names[address]?.given ?? []
                if given.last?.name != set.question {
                    given.append((set.question, packet.index))
                    if given.count > HostLearner.namesPerAddress { given.removeFirst() }
                }
                names[address] = (given, order)
            }
            if names.count > capacity { evictOldestHalf() }
        } catch {
            malformedResponses += 1
        }
    }

    /// The name DNS gave `address` as of `packet` (the latest answer before it; an address shared by
    /// several names, as on CDNs, is named by the answer the client had just received). Without a
    /// packet, or when every answer came later (a capture that starts mid-session), the nearest one.
    package func name(for address: IPAddress, before packet: PacketRef? = nil) -> String? {
        guard let given = names[address]?.given else { return nil }
        guard let packet else { return given.last?.name }
        return given.last(where: { $0.packet < packet.index })?.name ?? given.first?.name
    }

    private mutating func evictOldestHalf() {
        let cutoff = order - UInt64(capacity / 2)
        let before = names.count
        names = names.filter { $0.value.order > cutoff }
        evictions += before - names.count
    }
}
