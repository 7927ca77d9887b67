/// A bit string decoded from base64url without padding (IAB TCF and GPP), read MSB first.
///
/// Each character of `A-Z a-z 0-9 - _` is 6 bits; `+ / =`, spaces and anything else are rejected
/// at construction with the character's position (`offset` = character index; every other
/// error's `offset` is a bit offset within the segment). The string is never decoded byte-wise (that loses
/// the last 2-4 bits, see consent-signals.md §0). Input is limited to `maxCharacters`.
struct Base64URLBits {
    /// Longest accepted segment, in characters (a full GVL bitfield is ~200 characters).
    static let maxCharacters = 65_536

    private let sextets: [UInt8]
    /// Number of bits (6 per character).
    let count: Int

    init(_ text: Substring) throws(ConsentDecodeError) {
        guard text.utf8.count <= Base64URLBits.maxCharacters else {
            throw ConsentDecodeError(.tooLong, "segment longer than \(Base64URLBits.maxCharacters) characters")
        }
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for (i, c) in text.unicodeScalars.enumerated() {
            guard let v = Base64URLBits.value(of: c) else {
                throw ConsentDecodeError(.invalidCharacter, "invalid base64url character '\(c)'", offset: i)
            }
            values.append(v)
        }
        sextets = values
        count = values.count * 6
    }

    /// The 6-bit value of a base64url character, or nil.
    static func value(of c: Unicode.Scalar) -> UInt8? {
        switch c.value {
        case 0x41...0x5A: return UInt8(c.value - 0x41)
        case 0x61...0x7A: return UInt8(c.value - 0x61 + 26)
        case 0x30...0x39: return UInt8(c.value - 0x30 + 52)
        case 0x2D: return 62
        case 0x5F: return 63
        default: return nil
        }
    }

    func bit(_ index: Int) -> Bool {
        (sextets[index / 6] >> (5 - UInt8(index % 6))) & 1 == 1
    }
}

/// A cursor over `Base64URLBits`: every read checks the remaining length and throws `truncated`
/// with the offset, the wanted width and what is left.
struct BitCursor {
    let bits: Base64URLBits
    private(set) var offset = 0

    init(_ bits: Base64URLBits) { self.bits = bits }

    var remaining: Int { bits.count - offset }

    mutating func int(_ width: Int) throws(ConsentDecodeError) -> Int {
        precondition(width <= 62)
        guard remaining >= width else { throw .truncated(need: width, at: offset, have: remaining) }
        var v = 0
        for i in 0..<width { v = (v << 1) | (bits.bit(offset + i) ? 1 : 0) }
        offset += width
        return v
    }

    mutating func bool() throws(ConsentDecodeError) -> Bool { try int(1) == 1 }

    /// `width` bits as a bitfield: the 1-based positions of the set bits.
    mutating func bitfield(_ width: Int) throws(ConsentDecodeError) -> [Int] {
        guard remaining >= width else { throw .truncated(need: width, at: offset, have: remaining) }
        var ids: [Int] = []
        for i in 0..<width where bits.bit(offset + i) { ids.append(i + 1) }
        offset += width
        return ids
    }

    /// Two 6-bit letters `A=0 ... Z=25` (language and country codes).
    mutating func letters() throws(ConsentDecodeError) -> String {
        let a = try int(6), b = try int(6)
        return String(UnicodeScalar(UInt8(65 + a))) + String(UnicodeScalar(UInt8(65 + b)))
    }

    /// A Fibonacci-coded integer (GPP): ends at the first `11`; bit i is worth F(i), F = 1, 2, 3, 5...
    mutating func fibonacci() throws(ConsentDecodeError) -> Int {
        let start = offset
        var value = 0
        var previous = false
        var a = 1, b = 2   // F(i), F(i+1)
        while true {
            guard remaining >= 1 else { throw .truncated(need: 1, at: offset, have: 0) }
            let bit = bits.bit(offset)
            offset += 1
            if bit && previous { return value }
            if bit { value += a }
            previous = bit
            (a, b) = (b, a + b)
            if offset - start > 40 {
                throw ConsentDecodeError(.malformed, "Fibonacci integer longer than 40 bits", offset: start)
            }
        }
    }

    /// A GPP Fibonacci range: Int(12) count, then per item isGroup(1) + offset [+ length].
    mutating func fibonacciRange() throws(ConsentDecodeError) -> [Int] {
        let count = try int(12)
        var ids: [Int] = []
        var last = 0
        for _ in 0..<count {
            let isGroup = try bool()
            let first = last + (try fibonacci())
            if isGroup {
                let length = try fibonacci()
                guard ids.count + length <= 4096 else {
                    throw ConsentDecodeError(.tooManyIds, "Fibonacci range covers more than 4096 ids", offset: offset)
                }
                ids.append(contentsOf: first...(first + length))
                last = first + length
            } else {
                ids.append(first)
                last = first
            }
        }
        return ids
    }
}
